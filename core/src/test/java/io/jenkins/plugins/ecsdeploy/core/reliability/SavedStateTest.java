package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.analysis.MetricVerdict;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageSeries;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's saved state reads back with every field of its request, durations included, so it can be resumed. */
class SavedStateTest {

    @Test
    void aRequestWithDurationsSurvivesTheSavedJson() {
        try (Rig rig = new Rig()) {
            DeploymentEngine engine = rig.engine(rig.config(Scenario.CANARY.yaml));
            DeploymentRequest request = DeploymentRequest.deploy("v1.2.3", "alice")
                    .withCanaryStages(List.of(10, 50), Duration.ofMinutes(2))
                    .withTimings(Duration.ofSeconds(90), Duration.ofMillis(1500), Duration.ofHours(1));
            DeploymentState state = engine.start(request, "d-1", Rig.START);

            String json = StateJson.write(state);
            DeploymentState restored = StateJson.readState(json);

            assertThat(restored.getRequest()).isEqualTo(request);
            assertThat(json).contains("\"stageDuration\" : \"PT2M\"");
            assertThat(rig.calls()).isEmpty();
        }
    }

    /**
     * A canary that rolled back, saved by release 0.1.0, before metric verdicts had warn levels, dry runs and
     * units: it loads with those at their defaults, and charts as it did.
     */
    @Test
    void aRecordSavedBeforeWarnLevelsAndDryRunsLoadsWithThemOff() throws IOException {
        String saved;
        try (InputStream in = SavedStateTest.class.getResourceAsStream("/saved/canary-rolled-back-0.1.0.state.json")) {
            saved = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        DeploymentState state = StateJson.readState(saved);

        List<StageRecord> stages = state.getRecord().getStages();
        assertThat(stages).extracting(StageRecord::getPercent, StageRecord::getVerdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10, Verdict.PASS),
                        org.assertj.core.groups.Tuple.tuple(50, Verdict.FAIL));
        MetricVerdict errorRate = stages.get(1).getIntervals().get(0).metrics().get(0);
        assertThat(errorRate).isEqualTo(new MetricVerdict("errorRate", 15.0, 0.2, 5.0, Verdict.FAIL,
                "errorRate 15.0% > 5.0% (canary 150/1000 requests)"));
        assertThat(stages).flatMap(StageRecord::getIntervals).flatMap(i -> i.metrics())
                .allSatisfy(m -> assertThat(m.counts()).isTrue()).noneMatch(MetricVerdict::warned);
        assertThat(StageSeries.of(stages.get(0))).extracting(StageSeries::metric).containsExactly("errorRate", "p95",
                "p99", "healthyHosts", "relativeErrorRate", "relativeP99");
        assertThat(StateJson.readState(StateJson.write(state)).getRecord().getStages().get(1).getIntervals())
                .isEqualTo(stages.get(1).getIntervals());
    }
}
