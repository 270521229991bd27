package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every refusal names the thing and the fix, and nothing is written to AWS (asserted on the fake's calls). */
class EcsNativePreflightTest {

    private EcsNativeRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    private DeploymentState deploy(String strategy, Consumer<FakeAwsState> change) {
        rig = new EcsNativeRig(strategy, change);
        return rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));
    }

    private static FakeAwsState.Service service(FakeAwsState s) {
        return s.service(EcsNativeSeed.SERVICE);
    }

    @Test
    void aRollingServiceIsRefusedWithTheSettingToChange() {
        DeploymentState s = deploy("ROLLING", st -> { });

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("ECS service 'web-native' (ecsNative.service) uses the"
                + " ROLLING deployment strategy").contains("set ecsNative.strategy to BLUE_GREEN, CANARY or LINEAR")
                .contains("--deployment-configuration strategy=BLUE_GREEN");
        assertThat(rig.writes()).isEmpty();
    }

    @Test
    void aServiceWithoutAnAlternateTargetGroupAndRulesIsRefused() {
        DeploymentState s = deploy("BLUE_GREEN", st -> service(st).advancedConfiguration = null);

        assertThat(s.getRecord().getOutcomeMessage()).contains("has no load balancer with an advancedConfiguration"
                + " naming alternateTargetGroupArn, productionListenerRule and roleArn");
        assertThat(rig.writes()).isEmpty();
    }

    @Test
    void aRuleForwardingElsewhereAMissingAlarmAndAMissingApprovalHookAreAllReportedAtOnce() {
        rig = new EcsNativeRig("CANARY", st -> {
            st.rules.get(EcsNativeSeed.PRODUCTION_RULE_ARN).actions.get(0).targetGroups.get(0).targetGroupArn =
                    io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.BLUE_TARGET_GROUP_ARN;
            st.alarms.remove(EcsNativeSeed.ALARM);
        });
        rig.ecsNative = "  approvalHook: ecs-deploy-approval\n";

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcomeMessage())
                .contains("(ecsNative.service (its productionListenerRule)) forwards to")
                .contains("CloudWatch alarm 'web-native-5xx' does not exist")
                .contains("has no lifecycle hook 'ecs-deploy-approval' (ecsNative.approvalHook) at"
                        + " POST_TEST_TRAFFIC_SHIFT");
        assertThat(rig.writes()).isEmpty();
    }

    @Test
    void aDeploymentUnderWayIsRefusedNamingItBeforeAnyWrite() {
        rig = new EcsNativeRig("BLUE_GREEN", st -> EcsNativeSeed.approvalHook(st, 60));
        rig.ecsNative = "  approvalHook: ecs-deploy-approval\n";
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.4", "carol"), "d-second", null);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("already has deployment arn:aws:ecs:")
                .contains("WAITING_FOR_APPROVAL").contains("continue it with a switch");
        assertThat(rig.writes()).isEmpty();
    }

    @Test
    void aDeployWithoutPromotionIsRefusedWhereNoApprovalHookCouldHoldIt() {
        rig = new EcsNativeRig("CANARY", st -> { });

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(rig.writes()).isEmpty();
        assertThat(rig.production()).isEqualTo(io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit.allTo(
                io.jenkins.plugins.ecsdeploy.core.model.Slot.BLUE));
        assertThat(s.getRecord().getOutcomeMessage()).as(rig.log()).containsIgnoringCase("promot");
    }

    @Test
    void aDeploymentAlarmInAlarmStopsTheDeployBeforeTheServiceIsUpdated() {
        DeploymentState s = deploy("LINEAR", st -> st.alarms.put(EcsNativeSeed.ALARM, "ALARM"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Deployment alarm web-native-5xx of Amazon ECS"
                + " service web-native is in ALARM before the deployment").contains("traffic was not changed");
        assertThat(rig.writes()).doesNotContain("UpdateService", "ModifyRule", "StopServiceDeployment");
    }
}
