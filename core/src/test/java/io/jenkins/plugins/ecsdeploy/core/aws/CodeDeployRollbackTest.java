package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's rollback of a CodeDeploy environment: a deployment under way is stopped with rollback; one whose
 * traffic has all moved while the original task set still runs gets the listener rollback (one write, one read),
 * then a stop; after the original is gone, the previous revision is deployed anew.
 */
class CodeDeployRollbackTest {

    private CodeDeployRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aRollbackAtTheReadyPointStopsTheDeploymentWithRollback() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).readyWait = true);
        rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.rollback(null, "bob", "bad build"), "d-rollback", null);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(EngineRuns.phases(s)).containsExactly(Phase.PREFLIGHT, Phase.STOP_MANAGED,
                Phase.FOLLOW_MANAGED_ROLLBACK, Phase.FINISHED);
        assertThat(rig.aws.calls("StopDeployment")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("\"autoRollbackEnabled\":true"));
        assertThat(rig.writes()).containsExactly("StopDeployment");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.<String>read(st -> st.codeDeployDeployments.values().iterator().next().status))
                .isEqualTo("Stopped");
        assertThat(s.getRecord().getOutcomeMessage()).contains("stopped and rolled back")
                .contains("verified on the listener");
    }

    @Test
    void aRollbackInTheTerminationWaitWritesTheListenerFirstThenStopsTheDeployment() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).terminationWaitMinutes = 60);
        DeploymentState deploy = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.rollback(null, "bob", "bad build"), "d-rollback", deploy);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.writes()).containsExactly("ModifyListener", "StopDeployment");
        // The physical limit: the listener write comes after the reads that plan it, before any other call.
        // The listener and the health of the slot to return to are read at once, in either order.
        List<String> calls = rig.actions().subList(0, rig.actions().indexOf("ModifyListener") + 2);
        assertThat(calls.subList(0, 3)).containsExactly("ListDeployments", "GetDeployment", "GetDeploymentTarget");
        assertThat(calls.subList(3, 5)).containsExactlyInAnyOrder("DescribeListeners", "DescribeTargetHealth");
        assertThat(calls.subList(5, calls.size())).containsExactly("ModifyListener", "DescribeListeners");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.<Boolean>read(st -> st.taskSets.stream().anyMatch(t -> t.targetGroupArn.contains(
                "web-blue")))).as("the original task set is kept").isTrue();
        assertThat(rig.aws.<String>read(st -> st.codeDeployDeployments.values().iterator().next().status))
                .isEqualTo("Stopped");
    }

    @Test
    void aRollbackAfterTheOriginalIsGoneDeploysThePreviousRevisionAnew() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).terminationWaitMinutes = 0);
        DeploymentState deploy = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        assertThat(rig.aws.<Integer>read(st -> st.taskSets.size())).isEqualTo(1);
        rig.aws.forgetCalls();

        DeploymentState s = rig.run(DeploymentRequest.rollback(null, "bob", "bad build"), "d-rollback", deploy);

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.calls("CreateDeployment")).singleElement()
                .satisfies(c -> assertThat(c.body()).contains("task-definition/web:1"));
        assertThat(rig.writes()).containsExactly("CreateDeployment");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.aws.service(CodeDeploySeed.SERVICE).taskDefinitionArn()).endsWith("web:1");
    }

    @Test
    void anAbortWhileCodeDeployShiftsStopsItAndTheRunEndsRolledBackOnBlue() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).deploymentConfig =
                "CodeDeployDefault.ECSLinear10PercentEvery3Minutes");
        DeploymentState[] running = new DeploymentState[1];
        var engine = rig.runs.engine(rig.config());
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-abort", rig.runs.now);
        running[0] = s;
        rig.runs.onProgress = message -> {
            if (message.contains("blue=80%, green=20%")) {
                engine.requestAbort(running[0], "carol", "wrong build");
            }
        };
        for (int i = 0; i < 2_000 && !s.isFinished(); i++) {
            java.time.Instant next = engine.advance(s, rig.runs.now);
            rig.runs.now = next == null || next.isBefore(rig.runs.now) ? rig.runs.now : next;
        }

        assertThat(s.getRecord().getOutcome()).as(rig.log()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Aborted by carol");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.writes()).contains("StopDeployment").doesNotContain("ModifyListener");
    }
}
