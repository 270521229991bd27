package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A person's rollback of an ECS-native deployment takes the fastest safe path: while ECS bakes (the previous
 * revision still runs) the production rule is written back at once and verified, then the deployment is stopped;
 * once ECS has cleaned up, the previous revision is deployed again by ECS itself.
 */
class EcsNativeRollbackTest {

    private EcsNativeRig rig;

    @BeforeEach
    void start() {
        rig = new EcsNativeRig("BLUE_GREEN", s -> { });
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void whileEcsBakesTheRuleIsWrittenBackFirstThenTheDeploymentIsStopped() {
        DeploymentState deploy = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        assertThat(deploy.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.<String>read(s -> s.service(EcsNativeSeed.SERVICE).serviceDeployments.get(0)
                .lifecycleStage)).isEqualTo("BAKE_TIME");
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.rollback(null, "bob", "errors"), "d-rollback", deploy);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        List<String> writes = rig.writes();
        assertThat(writes).containsExactly("ModifyRule", "StopServiceDeployment");
        assertThat(rig.aws.calls().stream().map(c -> c.action()).toList())
                .as("one write, one verifying read, before anything else changes").containsSubsequence(
                        "ModifyRule", "DescribeRules", "StopServiceDeployment");
        assertThat(EngineRuns.phases(s)).containsSubsequence(Phase.VERIFY_ROLLBACK, Phase.STOP_MANAGED);
        rig.runs.now = rig.runs.now.plus(Duration.ofMinutes(1));
        rig.aws.tick();
        assertThat(rig.deploymentStatus()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(rig.aws.service(EcsNativeSeed.SERVICE).taskDefinitionArn()).endsWith("web:1");
    }

    @Test
    void afterEcsCleanedUpThePreviousRevisionIsDeployedAgainByEcs() {
        DeploymentState deploy = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        rig.runs.now = rig.runs.now.plus(Duration.ofMinutes(10));
        rig.aws.tick();
        assertThat(rig.deploymentStatus()).isEqualTo("SUCCESSFUL");
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.rollback(null, "bob", "errors"), "d-rollback", deploy);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isIn(Outcome.SUCCEEDED, Outcome.ROLLED_BACK);
        assertThat(rig.log()).contains("the original task set is gone");
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.calls("UpdateService")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("task-definition/web:1"));
        assertThat(rig.writes()).doesNotContain("ModifyRule").as("no rule write to a target group without tasks");
    }
}
