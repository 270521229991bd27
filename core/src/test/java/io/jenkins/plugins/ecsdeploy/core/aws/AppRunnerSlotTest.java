package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standard App Runner services behind the standard weighted records, against the fake's stateful App Runner
 * (JSON 1.0, operations that take a simulated minute): deploy updates the idle service's image tag (resuming a
 * paused service first), follows App Runner's operation to RUNNING, then moves the weights; a failed App Runner
 * update fails before traffic moves; a rollback pauses the service traffic left; status shows each service.
 */
class AppRunnerSlotTest {

    static final String IMAGE = FakeAws.APP_RUNNER_IMAGE;
    static final String BLUE_ARN = FakeAws.APP_RUNNER_BLUE_ARN;
    static final String GREEN_ARN = FakeAws.APP_RUNNER_GREEN_ARN;

    @RegisterExtension
    final FakeAwsRuns fake = new FakeAwsRuns();

    @Test
    void deployUpdatesOnlyTheIdleServicesImageTagWaitsForRunningThenMovesTheWeights() {
        DeploymentState s = run(DeploymentRequest.deploy("v2.0.0", "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(image("api-green")).isEqualTo(IMAGE.replace("v1.0.0", "v2.0.0"));
        assertThat(image("api-blue")).isEqualTo(IMAGE);
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        List<Call> updates = fake.aws.calls("UpdateService");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).body()).contains(GREEN_ARN).contains("api:v2.0.0")
                .contains("apprunner-ecr-access");
        // App Runner's operation took a simulated minute: the run waited for it before any weight changed.
        assertThat(fake.runs.log).anyMatch(l -> l.contains("Waiting for green: api-green still runs " + IMAGE));
        assertThat(phases(s)).containsSubsequence(Phase.UPDATE_IDLE_SERVICE, Phase.WAIT_FOR_READY,
                Phase.SMOKE_CHECKS, Phase.SWITCH_TRAFFIC, Phase.VERIFY_SWITCH, Phase.BAKE, Phase.FINISHED);
        assertThat(s.getRecord().getFromImage()).isEqualTo(IMAGE);
    }

    @Test
    void smokeChecksReachTheNewSlotsOwnServiceUrl() {
        DeploymentState s = fake.runs.run(config("smokeChecks:\n  - url: '${slotUrl}/health'\n"),
                DeploymentRequest.deploy("v2.0.0", "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getSmokeResults()).extracting(r -> r.url())
                .containsExactly("https://api-green.us-east-1.awsapprunner.com/health");
    }

    @Test
    void anUpdateAppRunnerRollsBackFailsTheDeployBeforeTrafficMoves() {
        fake.aws.edit(st -> st.failingImages.add(IMAGE.replace("v1.0.0", "v2.0.0")));
        DeploymentState s = run(DeploymentRequest.deploy("v2.0.0", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("App Runner operation UPDATE_SERVICE")
                .contains("ended ROLLBACK_SUCCEEDED");
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(fake.aws.calls("ChangeResourceRecordSets")).isEmpty();
        // No traffic moved, so no rollback either: green is left running for a look at App Runner's event log.
        assertThat(fake.aws.calls("PauseService")).isEmpty();
    }

    @Test
    void aDeployToAPausedServiceResumesItWaitsForRunningThenUpdatesItInOneRun() {
        fake.aws.edit(st -> st.appRunnerServices.get(GREEN_ARN).status = "PAUSED");

        DeploymentState s = run(DeploymentRequest.deploy("v2.0.0", "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(fake.aws.calls().stream().map(Call::action).filter(a -> a.endsWith("Service") && !a.equals(
                "DescribeService")).toList()).containsExactly("ResumeService", "UpdateService");
        assertThat(fake.aws.calls("ResumeService").get(0).body()).contains(GREEN_ARN);
        assertThat(fake.aws.calls("UpdateService").get(0).body()).contains(GREEN_ARN).contains("api:v2.0.0");
        assertThat(image("api-green")).isEqualTo(IMAGE.replace("v1.0.0", "v2.0.0"));
        assertThat(status(GREEN_ARN)).isEqualTo("RUNNING");
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(fake.runs.log).anyMatch(l -> l.contains("api-green was paused: resuming it (ResumeService)"))
                .anyMatch(l -> l.contains("waiting for App Runner to finish RESUME_SERVICE on api-green"));
        // The update was asked only once App Runner had finished resuming (a simulated minute).
        List<FakeAwsState.AppRunnerOperation> ops = operations(GREEN_ARN);
        assertThat(ops).extracting(o -> o.type).containsExactly("UPDATE_SERVICE", "RESUME_SERVICE");
        assertThat(ops.get(0).startedAt).isGreaterThanOrEqualTo(ops.get(1).endsAt);
    }

    @Test
    void aServiceThatCannotBeResumedFailsTheDeployBeforeTrafficMoves() {
        fake.aws.edit(st -> st.appRunnerServices.get(GREEN_ARN).status = "PAUSED");
        fake.aws.edit(st -> st.appRunnerStuckResumes.add(GREEN_ARN));

        DeploymentState s = run(DeploymentRequest.deploy("v2.0.0", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("App Runner could not resume api-green");
        assertThat(fake.aws.calls("ResumeService")).hasSize(1);
        assertThat(fake.aws.calls("UpdateService")).isEmpty();
        assertThat(fake.aws.calls("ChangeResourceRecordSets")).isEmpty();
    }

    @Test
    void afterABakeTheOldServiceIsPausedOnceItsMetricsShowItDrained() {
        fake.aws.metrics().appRunner("api-blue", "Requests", "Sum", 0).appRunner("api-green", "Requests", "Sum", 500);

        DeploymentState s = fake.runs.run(config("  scaleDownOldAfter: 2m\n"), DeploymentRequest.deploy("v2.0.0",
                "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(phases(s)).containsSubsequence(Phase.BAKE, Phase.SCALE_DOWN_OLD, Phase.FINISHED);
        assertThat(fake.aws.calls("PauseService")).singleElement().satisfies(c -> assertThat(c.body())
                .contains(BLUE_ARN));
        assertThat(status(GREEN_ARN)).isEqualTo("RUNNING");
    }

    @Test
    void anOldServiceStillServingIsNotPaused() {
        fake.aws.metrics().appRunner("api-blue", "Requests", "Sum", 40).appRunner("api-green", "Requests", "Sum", 500);

        DeploymentState s = fake.runs.run(config("  scaleDownOldAfter: 2m\n"), DeploymentRequest.deploy("v2.0.0",
                "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("blue was NOT scaled down");
        assertThat(fake.aws.calls("PauseService")).isEmpty();
    }

    @Test
    void aRollbackToAPausedServiceResumesItFirst() {
        fake.aws.edit(st -> {
            st.appRunnerServices.get(BLUE_ARN).status = "PAUSED";
            var green = st.hostedZones.get(FakeAws.HOSTED_ZONE_ID).records;
            green.forEach(r -> r.weight = "api-green".equals(r.setIdentifier) ? 100L : 0L);
        });
        DeploymentState s = run(new RollbackRequest(null, "bad release", "alice"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(fake.aws.calls("ResumeService")).hasSize(1);
        assertThat(phases(s)).containsSubsequence(Phase.SCALE_UP_TARGET, Phase.WAIT_FOR_TARGET_READY,
                Phase.ROLL_BACK, Phase.VERIFY_ROLLBACK);
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        String blueStatus = fake.aws.read(st -> st.appRunnerServices.get(BLUE_ARN).status);
        assertThat(blueStatus).isEqualTo("RUNNING");
        // The service traffic left is paused, not deleted, once the rollback is verified.
        assertThat(fake.aws.calls("PauseService")).singleElement().satisfies(c -> assertThat(c.body())
                .contains(GREEN_ARN));
        assertThat(fake.aws.calls().stream().map(Call::action).filter(a -> a.equals("PauseService")
                || a.equals("ChangeResourceRecordSets") || a.equals("DeleteService")).toList())
                .containsExactly("ChangeResourceRecordSets", "PauseService");
        assertThat(operations(GREEN_ARN).get(0).type)
                .isEqualTo("PAUSE_SERVICE");
        assertThat(s.getRecord().getOutcomeMessage()).contains("api-green is being paused (PauseService), not"
                + " deleted");
    }

    @Test
    void statusShowsEachServicesImageAndOperationFromAws() {
        EnvironmentConfig config = config();
        EnvironmentStatus status = AwsEngines.statusReader(config, fake.clients).read(config, fake.runs.now);

        assertThat(status.activeSlot()).contains(Slot.BLUE);
        assertThat(status.slot(Slot.GREEN).image()).isEqualTo(IMAGE);
        assertThat(status.slot(Slot.GREEN).service()).isEqualTo("api-green");
        assertThat(status.slot(Slot.GREEN).status()).isEqualTo("RUNNING");
        assertThat(status.slot(Slot.GREEN).url()).isEqualTo("https://api-green.us-east-1.awsapprunner.com");
        assertThat(status.slot(Slot.BLUE).url()).isEqualTo("https://api-blue.us-east-1.awsapprunner.com");
    }

    @Test
    void statusShowsAPausedServiceAndTheOutcomeOfItsLatestOperation() {
        fake.aws.edit(st -> st.failingImages.add(IMAGE.replace("v1.0.0", "v2.0.0")));
        run(DeploymentRequest.deploy("v2.0.0", "alice"));
        fake.aws.edit(st -> st.appRunnerServices.get(BLUE_ARN).status = "PAUSED");

        EnvironmentConfig config = config();
        EnvironmentStatus status = AwsEngines.statusReader(config, fake.clients).read(config, fake.runs.now);

        // App Runner rolled green's update back: the operation is FAILED for status, green still runs v1.0.0.
        assertThat(status.slot(Slot.GREEN).rolloutState()).isEqualTo("FAILED");
        assertThat(status.slot(Slot.GREEN).image()).isEqualTo(IMAGE);
        assertThat(status.slot(Slot.BLUE).status()).isEqualTo("PAUSED");
        assertThat(status.slot(Slot.BLUE).running()).isZero();
        assertThat(status.activeSlot()).contains(Slot.BLUE);
    }

    private DeploymentState run(DeploymentRequest request) {
        return fake.runs.run(config(), request);
    }

    private EnvironmentConfig config() {
        return config("");
    }

    /** The environment, with {@code health} lines added. */
    private EnvironmentConfig config(String health) {
        return ConfigLoader.parse(StandardConfig.ROUTE53.replace("${endpoint}", fake.aws.endpoint())
                .replace("  kind: none\n", "  kind: appRunner\n  blue: {service: api-blue}\n  green: {service: '"
                        + GREEN_ARN + "'}\n")
                + "health:\n  pollInterval: 10s\n  bakeTime: 1m\n" + health, "test");
    }

    private String status(String arn) {
        return fake.aws.read(st -> st.appRunnerServices.get(arn).status);
    }

    private List<FakeAwsState.AppRunnerOperation> operations(String arn) {
        return fake.aws.read(st -> st.appRunnerServices.get(arn).operations);
    }

    private String image(String name) {
        return fake.aws.read(st -> st.appRunnerServices.values().stream().filter(v -> v.name.equals(name)).findFirst()
                .orElseThrow().image);
    }

    private static List<Phase> phases(DeploymentState s) {
        return EngineRuns.phases(s);
    }
}
