package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A manual switch against the stateful fake AWS: the weights as they reach the listener. How the engine routes
 * switches and rollbacks is {@link SwitchAndRollbackEngineTest}'s, on the in-memory ports.
 */
class SwitchAndRollbackTest {

    private final EngineHarness h = new EngineHarness();

    @AfterEach
    void close() {
        h.close();
    }


    @Test
    void switchToWeightsAfterAnUnpromotedDeploy() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.parse("blue=90,green=10"), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
        var modify = h.aws.calls("ModifyListener");
        assertThat(modify).hasSize(1);
        assertThat(modify.get(0).param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight"))
                .isEqualTo("90");
        assertThat(modify.get(0).param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight"))
                .isEqualTo("10");
    }

}
