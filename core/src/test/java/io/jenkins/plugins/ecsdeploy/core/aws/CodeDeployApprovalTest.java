package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group that waits at its ready point: a deploy without promotion returns there, and a later switch continues the
 * deployment (ContinueDeployment READY_WAIT) and follows it; another switch ends the termination wait early.
 */
class CodeDeployApprovalTest {

    private CodeDeployRig rig;

    @BeforeEach
    void start() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).readyWait = true);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aDeployWithoutPromotionEndsAtTheReadyPointWithProductionUntouched() {
        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.READY_NOT_PROMOTED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("waits at its ready point");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.testListenerTarget()).isEqualTo("web-green");
        assertThat(rig.aws.<String>read(st -> st.codeDeployDeployments.values().iterator().next().status))
                .isEqualTo("Ready");
        assertThat(rig.writes()).doesNotContain("ContinueDeployment", "ModifyListener");
    }

    @Test
    void aSwitchContinuesTheDeploymentAtTheReadyPointAndFollowsItToAllTrafficOnGreen() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob"), "d-switch",
                null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(rig.aws.calls("ContinueDeployment")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("\"deploymentWaitType\":\"READY_WAIT\""));
        assertThat(rig.writes()).doesNotContain("CreateDeployment", "ModifyListener", "StopDeployment");
    }

    @Test
    void aSwitchTiedToTheDeployedVersionContinuesIt() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob")
                .withExpectedImage("v1.2.3"), "d-switch", null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getToImage()).endsWith(":v1.2.3");
        assertThat(rig.aws.calls("ContinueDeployment")).hasSize(1);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void aSwitchTiedToAnotherVersionIsRefusedAndTheDeploymentStillWaits() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob")
                .withExpectedImage("v1.2.4"), "d-switch", null);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("expectedImage: green")
                .contains(":v1.2.3, not the expected v1.2.4");
        assertThat(rig.writes()).containsOnly("AddTags", "RemoveTags");
        assertThat(rig.aws.<String>read(st -> st.codeDeployDeployments.values().iterator().next().status))
                .isEqualTo("Ready");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void aSecondSwitchEndsTheTerminationWaitAndTheOriginalTaskSetGoes() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob"), "d-switch", null);
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob"), "d-finish",
                null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("has ended and the original task set is gone");
        assertThat(rig.aws.calls("ContinueDeployment")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("\"deploymentWaitType\":\"TERMINATION_WAIT\""));
        assertThat(rig.aws.<Integer>read(st -> st.taskSets.size())).isEqualTo(1);
        assertThat(rig.aws.service(CodeDeploySeed.SERVICE).taskDefinitionArn()).endsWith("web:2");
    }

    @Test
    void aSwitchToTheOriginalSlotIsRefusedBeforeAnyWrite() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(new TrafficSplit(50, 50), "bob"), "d-switch", null);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("can only send all traffic to the new task set's slot"
                + " (green)");
        assertThat(rig.writes()).containsOnly("AddTags", "RemoveTags");
    }

    @Test
    void aSecondDeployWhileOneWaitsIsRefusedNamingItBeforeAnyWrite() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.4", "carol"), "d-second", null);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("already has deployment d-")
                .contains("WAITING_FOR_APPROVAL").contains("continue it with a switch");
        assertThat(rig.writes()).isEmpty();
    }
}
