package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The approval round trip at the test-traffic point, end to end: the service's POST_TEST_TRAFFIC_SHIFT hook is the
 * shipped approval_hook.py, which the fake ECS asks as ECS asks the Lambda function. A deploy without promotion ends
 * while the hook holds the deployment; a switch approves (the service tag the hook reads); a rollback rejects; an
 * approval that never comes times out in the hook and ECS rolls back.
 */
class EcsNativeApprovalTest {

    private EcsNativeRig rig;

    @BeforeEach
    void start() {
        rig = new EcsNativeRig("BLUE_GREEN", s -> EcsNativeSeed.approvalHook(s, 60));
        rig.ecsNative = "  approvalHook: ecs-deploy-approval\n";
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private String approvalTag() {
        return rig.aws.read(s -> s.service(EcsNativeSeed.SERVICE).tags.get("ecs-deploy:approval"));
    }

    @Test
    void aDeployWithoutPromotionEndsWhileTheHookHoldsTheTestTrafficPoint() {
        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.READY_NOT_PROMOTED);
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.ruleSplit(EcsNativeSeed.TEST_RULE_ARN, EcsNativeSeed.BLUE_TARGET_GROUP_ARN,
                EcsNativeSeed.GREEN_TARGET_GROUP_ARN)).as("test traffic reaches the new revision")
                .isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(rig.aws.<String>read(s2 -> s2.service(EcsNativeSeed.SERVICE).serviceDeployments.get(0).lifecycleStage))
                .isEqualTo("POST_TEST_TRAFFIC_SHIFT");
        assertThat(approvalTag()).isNull();
        assertThat(rig.writes()).doesNotContain("TagResource", "StopServiceDeployment", "ModifyRule");
    }

    @Test
    void aSwitchApprovesThroughTheTagTheHookReadsAndFollowsEcsToAllTrafficOnGreen() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        String deployment = rig.aws.read(s -> s.service(EcsNativeSeed.SERVICE).serviceDeployments.get(0).arn);
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob"), "d-switch",
                null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(approvalTag()).isEqualTo(deployment + ":approved");
        assertThat(rig.aws.calls("TagResource")).hasSize(1);
        assertThat(rig.writes()).doesNotContain("UpdateService", "StopServiceDeployment", "ModifyRule");
    }

    @Test
    void aSwitchTiedToAnotherVersionIsRefusedWithoutApproving() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob")
                .withExpectedImage("v1.2.4"), "d-switch", null);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("expectedImage: green")
                .contains(":v1.2.3, not the expected v1.2.4");
        assertThat(rig.aws.calls("DescribeServiceRevisions")).hasSize(1);
        assertThat(approvalTag()).isNull();
        assertThat(rig.writes()).containsOnly("AddTags", "RemoveTags");
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void aSwitchTiedToTheDeployedVersionApprovesIt() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob")
                .withExpectedImage("v1.2.3"), "d-switch", null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getToImage()).endsWith(":v1.2.3");
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void aRejectionStopsTheWaitingDeploymentWithRollbackAndRecordsItForTheHook() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        String deployment = rig.aws.read(s -> s.service(EcsNativeSeed.SERVICE).serviceDeployments.get(0).arn);
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.rollback(null, "bob", "the approval was rejected"), "d-reject", null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        // The stop is the one write that rolls back; the rejection tag after it is the record the hook reads.
        assertThat(rig.writes()).containsExactly("StopServiceDeployment", "TagResource");
        assertThat(approvalTag()).isEqualTo(deployment + ":rejected");
        rig.runs.now = rig.runs.now.plus(Duration.ofMinutes(1));
        rig.aws.tick();
        assertThat(rig.deploymentStatus()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(rig.aws.service(EcsNativeSeed.SERVICE).taskDefinitionArn()).endsWith("web:1");
    }

    @Test
    void anApprovalThatNeverComesTimesOutInTheHookAndEcsRollsBack() {
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        for (int minute = 0; minute < 61; minute++) {
            rig.runs.now = rig.runs.now.plus(Duration.ofMinutes(1));
            rig.aws.tick();
        }
        assertThat(rig.deploymentStatus()).as("60 minutes after the hook was first asked").isEqualTo(
                "ROLLBACK_IN_PROGRESS");
        rig.runs.now = rig.runs.now.plus(Duration.ofMinutes(1));
        rig.aws.tick();

        assertThat(rig.deploymentStatus()).isEqualTo("ROLLBACK_SUCCESSFUL");
        assertThat(rig.aws.<String>read(s -> s.service(EcsNativeSeed.SERVICE).serviceDeployments.get(0).rollbackReason))
                .contains("returned FAILED at POST_TEST_TRAFFIC_SHIFT");
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }
}
