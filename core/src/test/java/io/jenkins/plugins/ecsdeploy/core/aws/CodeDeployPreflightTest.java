package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input for a CodeDeploy environment gets an error naming the thing and the fix, and nothing is written. */
class CodeDeployPreflightTest {

    private CodeDeployRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aServiceWithTheEcsControllerIsRefused() {
        String message = refused(s -> s.service(CodeDeploySeed.SERVICE).deploymentController = "ECS", "");

        assertThat(message).contains("ECS service 'web' in cluster 'prod'").contains("uses the ECS deployment"
                + " controller").contains("deploymentController CODE_DEPLOY");
    }

    @Test
    void aMissingDeploymentGroupIsRefusedNamingTheField() {
        String message = refused(s -> s.codeDeployGroups.clear(), "");

        assertThat(message).contains("deployment group 'web-dg' of application 'web'").contains("was not found")
                .contains("codeDeploy.deploymentGroup");
    }

    @Test
    void aDeploymentConfigThatDoesNotExistIsRefused() {
        String message = refused(s -> { }, "  deploymentConfig: CodeDeployDefault.ECSCanary99\n");

        assertThat(message).contains("deployment config 'CodeDeployDefault.ECSCanary99'")
                .contains("codeDeploy.deploymentConfig");
    }

    @Test
    void aContainerPortTheTaskDefinitionDoesNotMapIsRefused() {
        rig = new CodeDeployRig(s -> { });
        String yaml = CodeDeploySeed.CONFIG.replace("${endpoint}", rig.aws.endpoint())
                .replace("containerPort: 8080", "containerPort: 9090");
        DeploymentState s = rig.runs.run(io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader.parse(yaml, "t"),
                DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("maps no port 9090 (codeDeploy.containerPort)");
        assertThat(rig.writes()).isEmpty();
    }

    @Test
    void anAlarmOfTheGroupInAlarmAndOneThatDoesNotExistAreRefused() {
        String firing = refused(s -> {
            CodeDeploySeed.group(s).alarms.add("web-5xx");
            s.alarms.put("web-5xx", "ALARM");
        }, "");
        rig.close();
        String missing = refused(s -> CodeDeploySeed.group(s).alarms.add("web-typo"), "");

        assertThat(firing).contains("Alarm 'web-5xx' of CodeDeploy deployment group 'web-dg'").contains("in ALARM");
        assertThat(missing).contains("'web-typo'").contains("does not exist")
                .contains("the alarm configuration of CodeDeploy deployment group 'web-dg'");
    }

    @Test
    void aDeployWithoutPromotionIsRefusedWhereTheGroupWouldNotWaitAtTheReadyPoint() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).readyWait = false);

        DeploymentState s = rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("promote: false needs CodeDeploy deployment group"
                + " 'web-dg'").contains("STOP_DEPLOYMENT").contains("promote: true");
        assertThat(rig.writes()).isEmpty();
    }

    @Test
    void canaryStagesAreRefusedBeforeAnyCallSinceCodeDeployShiftsByItsConfig() {
        rig = new CodeDeployRig(s -> { });
        var engine = rig.runs.engine(rig.config());

        assertThatThrownBy(() -> engine.start(DeploymentRequest.deploy("v1.2.3", "alice")
                .withCanaryStages(List.of(10, 100), Duration.ofMinutes(5)), "d-1", rig.runs.now))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CodeDeployDefault.ECSCanary10Percent5Minutes");
        assertThat(rig.actions()).isEmpty();
    }

    /** Runs a deploy against the seeded group changed by {@code change}; returns its failure, asserting no write. */
    private String refused(Consumer<FakeAwsState> change, String extraConfig) {
        rig = new CodeDeployRig(change);
        DeploymentState s = rig.runs.run(rig.config(extraConfig), DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.FAILED);
        assertThat(rig.writes()).as("nothing written").isEmpty();
        return s.getRecord().getOutcomeMessage();
    }
}
