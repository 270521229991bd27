package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
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
}
