package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deploys to a service whose strategy ECS runs itself, through AwsEngines and the real SDK clients against the fake:
 * each strategy to the end, the project's analysis stopping a canary, and ECS's own alarm rollback followed.
 */
class EcsNativeDeploymentTest {

    private EcsNativeRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void blueGreenUpdatesTheServiceAndFollowsEcsToAllTrafficOnTheAlternateTargetGroup() {
        rig = new EcsNativeRig("BLUE_GREEN", s -> { });

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(EngineRuns.phases(s)).containsSubsequence(Phase.REGISTER_TASK_DEFINITION, Phase.START_MANAGED,
                Phase.FOLLOW_MANAGED, Phase.FINISHED);
        assertThat(rig.aws.service(EcsNativeSeed.SERVICE).image()).endsWith(":v1.2.3");
        assertThat(s.getRecord().getManagedDeployment()).contains(":service-deployment/prod/web-native/");
        assertThat(s.getRecord().getManagedEvents()).contains("SCALE_UP: SUCCEEDED",
                "POST_TEST_TRAFFIC_SHIFT: SUCCEEDED", "PRODUCTION_TRAFFIC_SHIFT: SUCCEEDED");
        // ECS moved the traffic; the run only started and followed the deployment (and kept its lock).
        assertThat(rig.writes()).containsExactlyInAnyOrder("AddTags", "RegisterTaskDefinition", "UpdateService",
                "RemoveTags");
        assertThat(rig.aws.calls("UpdateService").get(0).body()).doesNotContain("deploymentConfiguration");
        assertThat(s.getRecord().getOutcomeMessage()).contains("verified");
    }

    @Test
    void linearSetByTheEnvironmentIsAppliedWithTheUpdateAndEveryStepIsWatched() {
        rig = new EcsNativeRig("BLUE_GREEN", s -> { });
        rig.ecsNative = "  strategy: LINEAR\n  linearConfiguration: {stepPercent: 50, stepBakeTimeInMinutes: 5}\n";
        rig.healthyTraffic();

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        String update = rig.aws.calls("UpdateService").get(0).body();
        assertThat(update).contains("\"strategy\":\"LINEAR\"").contains("\"stepPercent\":50.0")
                .contains("\"stepBakeTimeInMinutes\":5").as("the service's alarms are kept").contains(
                        EcsNativeSeed.ALARM);
        assertThat(rig.log()).contains("blue=50%, green=50% on the listener");
        assertThat(s.getRecord().getStages()).isNotEmpty().allSatisfy(stage -> assertThat(stage.getVerdict())
                .hasToString("PASS"));
    }

    @Test
    void aCanaryWhoseMetricsFailDuringItsBakeIsStoppedWithRollbackAndVerifiedBackOnBlue() {
        rig = new EcsNativeRig("CANARY", s -> { });
        rig.healthyTraffic();
        rig.aws.metrics().set("native-green", "HTTPCode_Target_5XX_Count", "Sum", 150);

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Canary at 10% failed its analysis")
                .contains("verified on the listener");
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.calls("StopServiceDeployment")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("\"stopType\":\"ROLLBACK\""));
        assertThat(EngineRuns.phases(s)).containsSubsequence(Phase.FOLLOW_MANAGED, Phase.STOP_MANAGED,
                Phase.FOLLOW_MANAGED_ROLLBACK, Phase.FINISHED);
        assertThat(rig.writes()).doesNotContain("ModifyRule").as("ECS moved traffic back itself");
        assertThat(rig.deploymentStatus()).isIn("ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL");
    }

    @Test
    void aDeploymentAlarmMakesEcsRollBackAndTheRunFollowsItBack() {
        rig = new EcsNativeRig("LINEAR", s -> { });
        rig.healthyTraffic();
        rig.runs.onProgress = message -> {
            if (message.contains("blue=75%, green=25%")) {
                rig.aws.alarm(EcsNativeSeed.ALARM, "ALARM");
            }
        };

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains(EcsNativeSeed.ALARM).contains("verified");
        assertThat(rig.production()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.writes()).doesNotContain("ModifyRule");
    }
}
