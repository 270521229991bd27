package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deploy to a CodeDeploy deployment group at the wire: the AppSpec it sends, the deployment it follows. */
class CodeDeployDeploymentTest {

    private CodeDeployRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aDeployCreatesTheDeploymentFollowsItToAllTrafficOnGreenAndBakes() {
        rig = new CodeDeployRig(s -> { });

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(EngineRuns.phases(s)).containsSubsequence(Phase.REGISTER_TASK_DEFINITION, Phase.START_MANAGED,
                Phase.FOLLOW_MANAGED, Phase.FINISHED);
        String appSpec = rig.aws.calls("CreateDeployment").get(0).body();
        assertThat(appSpec).contains("task-definition/web:2").contains("ContainerName\\\":\\\"app")
                .contains("ContainerPort\\\":8080").contains("PlatformVersion\\\":\\\"1.4.0")
                .contains("subnet-0aaa").contains("sg-0web").contains("ecs-deploy run d-test");
        assertThat(s.getRecord().getManagedDeployment()).startsWith("d-");
        assertThat(s.getRecord().getManagedEvents()).contains("Install: Succeeded", "AllowTraffic: Succeeded");
        assertThat(s.getRecord().getOutcomeMessage()).contains("termination wait");
        // The service itself was never updated: CodeDeploy owns its task sets.
        assertThat(rig.writes()).doesNotContain("UpdateService").contains("RegisterTaskDefinition",
                "CreateDeployment");
        assertThat(rig.aws.<Integer>read(st -> st.taskSets.size())).as("the original task set is kept").isEqualTo(2);
    }

    @Test
    void theAppSpecRepeatsTheServicesCapacityProviderStrategy() {
        rig = new CodeDeployRig(s -> {
            s.service(CodeDeploySeed.SERVICE).capacityProviderStrategy.put("FARGATE", new int[] {1, 1});
            s.service(CodeDeploySeed.SERVICE).capacityProviderStrategy.put("FARGATE_SPOT", new int[] {0, 3});
        });

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        String appSpec = rig.aws.calls("CreateDeployment").get(0).body().replace("\\\"", "\"");
        assertThat(appSpec).contains("\"CapacityProviderStrategy\":[{\"CapacityProvider\":\"FARGATE\",\"Base\":1,"
                + "\"Weight\":1},{\"CapacityProvider\":\"FARGATE_SPOT\",\"Base\":0,\"Weight\":3}]");
    }

    @Test
    void whileCodeDeployHoldsTheCanaryShareFailingMetricsStopItAndTheListenerIsVerifiedBackOnBlue() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).deploymentConfig =
                "CodeDeployDefault.ECSCanary10Percent15Minutes");
        healthyTraffic("blue");
        healthyTraffic("green");
        rig.aws.metrics().set("green", "HTTPCode_Target_5XX_Count", "Sum", 150);

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Canary at 10% failed its analysis")
                .contains("verified on the listener");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        Call stop = rig.aws.calls("StopDeployment").get(0);
        assertThat(stop.body()).contains("\"autoRollbackEnabled\":true");
        assertThat(EngineRuns.phases(s)).containsSubsequence(Phase.FOLLOW_MANAGED, Phase.STOP_MANAGED,
                Phase.FOLLOW_MANAGED_ROLLBACK, Phase.FINISHED);
        assertThat(s.getRecord().getStages()).hasSize(1);
        assertThat(s.getRecord().getStages().get(0).getPercent()).isEqualTo(10);
        assertThat(rig.writes()).doesNotContain("ModifyListener").as("CodeDeploy moved traffic back itself");
    }

    @Test
    void aCanaryThatPassesEveryIntervalIsLeftToCodeDeployToFinish() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).deploymentConfig =
                "CodeDeployDefault.ECSCanary10Percent5Minutes");
        healthyTraffic("blue");
        healthyTraffic("green");

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(s.getRecord().getStages()).singleElement().satisfies(stage -> {
            assertThat(stage.getPercent()).isEqualTo(10);
            assertThat(stage.getVerdict()).hasToString("PASS");
            assertThat(stage.getIntervals()).hasSizeGreaterThanOrEqualTo(3);
        });
        assertThat(rig.writes()).doesNotContain("StopDeployment", "ModifyListener");
    }

    @Test
    void anAlarmOfTheGroupMakesCodeDeployRollBackAndTheRunFollowsItBack() {
        rig = new CodeDeployRig(s -> {
            CodeDeploySeed.group(s).deploymentConfig = "CodeDeployDefault.ECSLinear10PercentEvery1Minutes";
            CodeDeploySeed.group(s).alarms.add("web-5xx");
            s.alarms.put("web-5xx", "OK");
        });
        healthyTraffic("blue");
        healthyTraffic("green");
        rig.runs.onProgress = message -> {
            if (message.contains("blue=80%, green=20%")) {
                rig.aws.alarm("web-5xx", "ALARM");
            }
        };

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("ALARM_ACTIVE").contains("verified on the listener");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void aFailingHookMakesCodeDeployRollBackBeforeProductionMovesAndTheRunSaysSo() {
        rig = new CodeDeployRig(s -> s.failingHooks.add("web-smoke"));

        DeploymentState s = rig.runs.run(rig.config("  hooks:\n    AfterAllowTestTraffic: web-smoke\n"),
                DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("HOOK_FAILED").contains("web-smoke")
                .contains("before production traffic moved");
        assertThat(rig.aws.calls("CreateDeployment").get(0).body())
                .contains("Hooks\\\":[{\\\"AfterAllowTestTraffic\\\":\\\"web-smoke");
        assertThat(s.getRecord().getManagedEvents()).contains("AfterAllowTestTraffic: Failed");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.writes()).doesNotContain("StopDeployment", "ModifyListener");
    }

    private void healthyTraffic(String slot) {
        rig.aws.metrics().healthy(slot);
    }
}
