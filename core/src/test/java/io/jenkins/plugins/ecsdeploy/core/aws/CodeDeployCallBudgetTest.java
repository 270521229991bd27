package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS calls of each operation on a CodeDeploy environment, counted at the wire and pinned as
 * {@code CallBudgetTest} counts them: the calls of the steps that moved a run on, leaving out every step of a phase
 * that waits (CodeDeploy working, a bake), and, apart, what one poll of a deployment under way costs.
 */
class CodeDeployCallBudgetTest {

    private CodeDeployRig rig;

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void deploy() {
        rig = new CodeDeployRig(s -> { });

        List<List<String>> steps = new ArrayList<>();
        List<String> calls = nonPoll(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", null, steps);

        // 17: resolution 7 (group, service, task definition with its tags, two target groups, the two listeners),
        // the group's idle check 1, lock 3 (write, confirm, remove: no read before the write, see TagLock), plan 2
        // (listener, service; the task definition is the one resolution read, and immutable), register 1 (copying
        // that same read), start 3 (the run's own deployment looked up after a lost reply, the service's network for
        // the AppSpec, create). Every step while CodeDeploy works is a poll: two reads each before traffic moves
        // (below), four after (deployment, target, listener, health).
        assertThat(calls).as(calls.toString()).containsExactly("GetDeploymentGroup", "DescribeServices",
                "DescribeTaskDefinition", "DescribeTargetGroups", "DescribeTargetGroups", "DescribeListeners",
                "DescribeListeners", "ListDeployments", "AddTags", "DescribeTags", "DescribeListeners",
                "DescribeServices", "RegisterTaskDefinition", "ListDeployments", "DescribeServices",
                "CreateDeployment", "RemoveTags");
        assertThat(calls.stream().filter(WRITES::contains)).containsExactly("AddTags", "RegisterTaskDefinition",
                "CreateDeployment", "RemoveTags");
    }

    @Test
    void aPollWhileCodeDeployWorksIsTwoReads() {
        rig = new CodeDeployRig(s -> { });
        List<List<String>> polls = new ArrayList<>();
        DeploymentEngine engine = rig.runs.engine(rig.config());
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", rig.runs.now);
        drive(engine, s, polls, true);

        // GetDeployment and GetDeploymentTarget of the target cluster:service, never the target list.
        assertThat(polls).as(polls.toString()).hasSizeGreaterThan(3).allSatisfy(p -> assertThat(p)
                .containsExactly("GetDeployment", "GetDeploymentTarget"));
    }

    @Test
    void switchThatContinuesAtTheReadyPoint() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).readyWait = true);
        DeploymentState deploy = rig.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        List<String> calls = nonPoll(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob"), "d-sw",
                deploy, new ArrayList<>());

        // 8: lock 3, plan 1 (listener), the deployment under way 3 (list, status, task sets), the approval; the
        // steps that follow CodeDeploy to the end are polls.
        assertThat(calls).as(calls.toString()).containsExactly("AddTags", "DescribeTags", "DescribeListeners",
                "ListDeployments", "GetDeployment", "GetDeploymentTarget", "ContinueDeployment", "RemoveTags");
        assertThat(calls.stream().filter(WRITES::contains)).containsExactly("AddTags", "ContinueDeployment",
                "RemoveTags");
    }

    @Test
    void rollbackInTheTerminationWait() {
        rig = new CodeDeployRig(s -> CodeDeploySeed.group(s).terminationWaitMinutes = 60);
        DeploymentState deploy = rig.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        List<String> calls = nonPoll(DeploymentRequest.rollback(null, "bob", "5xx"), "d-rb", deploy,
                new ArrayList<>());

        // Traffic is back after the sixth call (three of them CodeDeploy's, to know that the listener path is the
        // one: the deployment under way, its status, its task sets), verified by the seventh.
        assertThat(calls.indexOf("ModifyListener")).isEqualTo(5);
        assertThat(calls.get(6)).isEqualTo("DescribeListeners");
        // 8: then the stop, so that CodeDeploy keeps the original task set; following the stopped deployment to
        // its end (the listener first, then the deployment and its task sets, for the record) is polls.
        // The listener and the health of the slot to return to are read at once, in either order.
        assertThat(calls).as(calls.toString()).hasSize(8);
        assertThat(calls.subList(0, 3)).containsExactly("ListDeployments", "GetDeployment", "GetDeploymentTarget");
        assertThat(calls.subList(3, 5)).containsExactlyInAnyOrder("DescribeListeners", "DescribeTargetHealth");
        assertThat(calls.subList(5, 8)).containsExactly("ModifyListener", "DescribeListeners", "StopDeployment");
    }

    private static final Set<String> WRITES = CodeDeployRig.WRITES;
    /** The phases a run stays in while CodeDeploy works, tasks start or a bake runs: their steps are polls. */
    private static final Set<Phase> WATCHING = EnumSet.of(Phase.FOLLOW_MANAGED, Phase.FOLLOW_MANAGED_ROLLBACK,
            Phase.WAIT_FOR_READY, Phase.WAIT_FOR_TARGET_READY, Phase.BAKE, Phase.SCALE_DOWN_OLD);

    private List<String> nonPoll(DeploymentRequest request, String id, DeploymentState previous,
            List<List<String>> polls) {
        rig.aws.forgetCalls();
        DeploymentEngine engine = rig.runs.engine(rig.config());
        DeploymentState s = engine.start(request, id, rig.runs.now, previous);
        return drive(engine, s, polls, false);
    }

    /**
     * Runs to the end; returns the calls of the steps that moved the run on, leaving out those of the phases that
     * watch AWS or the clock ({@link #WATCHING}): each of their steps is a poll, the last one too, however many
     * there are (as {@code CallBudgetTest} counts). Those are added to {@code polls}; a tag call in one (the lock's
     * release, in the step that ends the run) is made once and counted.
     */
    private List<String> drive(DeploymentEngine engine, DeploymentState s, List<List<String>> polls,
            boolean onlyManagedPolls) {
        List<String> calls = new ArrayList<>();
        while (true) {
            int transitions = s.getRecord().getTransitions().size();
            Phase phase = s.getPhase();
            int before = rig.aws.calls().size();
            Instant next = engine.advance(s, rig.runs.now);
            List<String> made = rig.aws.calls().subList(before, rig.aws.calls().size()).stream().map(Call::action)
                    .toList();
            if (WATCHING.contains(phase)) {
                calls.addAll(made.stream().filter(a -> a.endsWith("Tags")).toList());
                if (!onlyManagedPolls || phase == Phase.FOLLOW_MANAGED && s.getSplitWanted() == null) {
                    // Only the polls before production traffic moves: after, the listener and health are read too.
                    polls.add(made.stream().filter(a -> !a.endsWith("Tags")).toList());
                }
            } else if (s.getRecord().getTransitions().size() > transitions) {
                calls.addAll(made);
            }
            if (next == null) {
                return calls;
            }
            if (next.isAfter(rig.runs.now)) {
                rig.runs.now = next;
            }
        }
    }
}
