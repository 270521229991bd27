package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryStages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole runs of an environment of kind none behind Route 53 weighted records, through {@link AwsEngines} as the CLI
 * builds it, against moto, in simulated time: switch, canary and rollback move only the two records' weights.
 */
class Route53NoneKindMotoTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private static MotoRoute53 moto;
    private static Route53Seed seed;
    private static AwsClients clients;
    private EngineRuns runs;
    private String zone;

    @BeforeAll
    static void startMoto() {
        moto = new MotoRoute53();
        seed = moto.seed;
        clients = moto.clients;
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @BeforeEach
    void freshZone() {
        zone = moto.freshZone();
        seed.weightedCnames(zone, 100, 0, 60);
        runs = new EngineRuns(clients);
    }

    @Test
    void switchWritesBothWeightsVerifiesThemAndLeavesNoLock() {
        DeploymentState s = run(config(""), new SwitchRequest(TrafficSplit.allTo(Slot.GREEN), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(seed.record(zone, "api-blue").weight()).isZero();
        assertThat(seed.record(zone, "api-green").weight()).isEqualTo(100L);
        // A switch takes no lock: it checks that no run holds it, writes in preflight, then waits for sync.
        assertThat(phases(s)).containsExactly(Phase.PREFLIGHT, Phase.VERIFY_SWITCH, Phase.FINISHED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("resolvers may answer with the previous weights for"
                + " up to 60 s (the records' TTL)");
        assertThat(runs.log).anyMatch(l -> l.contains("is in sync"));
        assertThat(seed.tags(zone)).noneMatch(t -> t.key().equals("ecs-deploy:lock:api.example.com"));
        assertThat(s.getRecord().getFromImage()).isEqualTo("blue.example.net");
        assertThat(s.getRecord().getToImage()).isEqualTo("green.example.net");
    }

    @Test
    void canaryStagesMoveTheWeightsAndAnalysisStartsOnlyAfterTheTtl() {
        CanaryStages stages = CanaryStages.stages(List.of(10, 50), Duration.ofMinutes(2));
        DeploymentState s = run(config("analysis: {noData: PASS, minRequests: 0}\n"),
                new CanaryRequest(stages, Slot.GREEN, "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(seed.record(zone, "api-blue").weight()).isEqualTo(50L);
        assertThat(seed.record(zone, "api-green").weight()).isEqualTo(50L);
        var first = s.getRecord().getStages().get(0);
        assertThat(first.getPercent()).isEqualTo(10);
        // The records' TTL (60 s) passes before the first interval is measured.
        assertThat(first.getIntervals().get(0).start()).isEqualTo(first.getStartedAt().plusSeconds(60));
        assertThat(first.getIntervals()).hasSize(2);
    }

    @Test
    void rollbackPutsAllTrafficBackWithOneVerifiedBatch() {
        seed.weightedCnames(zone, 0, 100, 60);
        DeploymentState s = run(config(""), new RollbackRequest(null, "bad release", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(seed.record(zone, "api-blue").weight()).isEqualTo(100L);
        assertThat(seed.record(zone, "api-green").weight()).isZero();
        // A person's rollback takes no lock and writes in preflight (issue 10): one batch, then the sync wait.
        assertThat(phases(s)).containsExactly(Phase.PREFLIGHT, Phase.VERIFY_ROLLBACK, Phase.FINISHED);
        assertThat(seed.tags(zone)).noneMatch(t -> t.key().startsWith("ecs-deploy:"));
    }

    @Test
    void anUnhealthySlotGetsNoTrafficAndNothingIsWritten() {
        // Nothing listens on port 9 of the loopback: green's health URL does not answer.
        DeploymentState s = run(configWithHealth("http://127.0.0.1:9/health"), new SwitchRequest(
                TrafficSplit.allTo(Slot.GREEN), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green is not ready for traffic");
        assertThat(seed.record(zone, "api-blue").weight()).isEqualTo(100L);
    }

    @Test
    void aCanaryRefusesRecordsCachedLongerThanAStage() {
        seed.weightedCnames(zone, 100, 0, 600);
        DeploymentState s = run(config(""), new CanaryRequest(CanaryStages.stages(List.of(10),
                Duration.ofMinutes(5)), Slot.GREEN, "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("The records' TTL is 600 s, above the 300 s a canary"
                + " allows");
        assertThat(seed.record(zone, "api-green").weight()).isZero();
    }

    @Test
    void deployIsRefusedBeforeAnythingHappens() {
        DeploymentEngine engine = runs.engine(config(""));
        assertThatThrownBy(() -> engine.start(new DeployRequest("v2", true, null, null, null, null, "alice"),
                "d-1", runs.now)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slots of kind none: there is nothing to deploy to");
    }

    @Test
    void statusNamesTheLiveSlotFromTheWeightsAndWhereEachRecordPoints() {
        seed.weightedCnames(zone, 0, 100, 60);
        EnvironmentStatus status = AwsEngines.statusReader(config(""), clients).read(config(""), runs.now);

        assertThat(status.activeSlot()).contains(Slot.GREEN);
        assertThat(status.slot(Slot.GREEN).image()).isEqualTo("green.example.net");
        assertThat(status.slot(Slot.BLUE).service()).isEqualTo("api-blue");
        assertThat(status.slot(Slot.BLUE).percent()).isZero();
    }

    private EnvironmentConfig config(String extra) {
        return ConfigLoader.parse("name: api\nregion: us-east-1\nendpointUrl: " + moto.moto.endpoint() + "\n"
                + "route53:\n  hostedZoneId: " + zone + "\n  recordName: api.example.com\n  recordType: CNAME\n"
                + "  setIdentifiers: {blue: api-blue, green: api-green}\n"
                + "slots:\n  kind: none\n" + extra, "test");
    }

    private EnvironmentConfig configWithHealth(String greenHealthUrl) {
        return config("  green: {healthUrl: '" + greenHealthUrl + "'}\n");
    }

    private DeploymentState run(EnvironmentConfig config, DeploymentRequest request) {
        return runs.run(config, request);
    }

    private static List<Phase> phases(DeploymentState s) {
        return EngineRuns.phases(s);
    }
}
