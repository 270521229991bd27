package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.SlotStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code status} of a CodeDeploy environment: both slots are one service, so each slot shows the task set behind
 * its target group (its revision, image and tasks), and the listener names the live one.
 */
class CodeDeployStatusTest {

    private CodeDeployRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    private EnvironmentStatus status() {
        return AwsEngines.statusReader(rig.config(), rig.clients).read(rig.config(), rig.runs.now);
    }

    private static SlotStatus slot(EnvironmentStatus status, Slot slot) {
        return status.slots().stream().filter(s -> s.slot() == slot).findFirst().orElseThrow();
    }

    @Test
    void atTheReadyPointEachSlotShowsItsOwnTaskSetAndRevision() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).readyWait = true);
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        String replacement = rig.aws.read(s -> s.codeDeployDeployments.values().iterator().next().replacementTaskSet);

        EnvironmentStatus status = status();

        assertThat(status.split()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        SlotStatus blue = slot(status, Slot.BLUE);
        SlotStatus green = slot(status, Slot.GREEN);
        assertThat(blue.service()).isEqualTo("web task set ecs-svc/0000000000000000001");
        assertThat(blue.taskDefinitionArn()).endsWith("task-definition/web:1");
        assertThat(blue.live()).isTrue();
        assertThat(green.service()).isEqualTo("web task set " + replacement);
        assertThat(green.taskDefinitionArn()).endsWith("task-definition/web:2");
        assertThat(green.imageTag()).isEqualTo("v1.2.3");
        assertThat(green.running()).isEqualTo(2);
        assertThat(rig.aws.calls("DescribeServices").stream().filter(c -> c.body().contains("TAGS")).toList())
                .as("status reads no tags").isEmpty();
    }

    @Test
    void onceTheOriginalTaskSetIsGoneItsSlotRunsNothing() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).terminationWaitMinutes = 0);
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        rig.runs.now = rig.runs.now.plusSeconds(600);

        EnvironmentStatus status = status();

        assertThat(status.split()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        SlotStatus blue = slot(status, Slot.BLUE);
        assertThat(blue.service()).isEqualTo("web (no task set)");
        assertThat(blue.taskDefinitionArn()).isNull();
        assertThat(blue.desired()).isZero();
        assertThat(slot(status, Slot.GREEN).imageTag()).isEqualTo("v1.2.3");
    }
}
