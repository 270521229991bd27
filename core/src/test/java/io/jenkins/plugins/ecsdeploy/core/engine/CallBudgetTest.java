package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each operation's AWS calls, counted at the wire against the fake, pinned so that a change that adds one fails
 * here. Calls made by a step that stays in its phase (waiting for tasks, watching a bake) are polls and are not
 * counted: the budget is of the calls every run makes once. The figures of issue 10 are switch 6, rollback 6,
 * deploy 16; where a pin is above that, its comment says what the rest is and why it stays. The lists are exact: a call added,
 * dropped or moved fails here.
 */
class CallBudgetTest {

    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void operatorsRollbackUnderARunningCanary() {
        h.run(DeploymentRequest.deploy("v2.0.0", "alice").withPromote(false));
        DeploymentEngine canaryEngine = h.engine();
        DeploymentState canary = h.runUntil(canaryEngine, canaryEngine.start(DeploymentRequest.canary(List.of(10),
                Duration.ofMinutes(5), Slot.GREEN, "alice"), "d-canary", h.now),
                s -> s.getPhase() == Phase.ANALYSE_CANARY);
        DeploymentEngine ops = h.engine();

        List<String> calls = nonPoll(ops, ops.start(DeploymentRequest.rollback(null, "bob", "5xx"), "d-rb", h.now,
                canary));

        // Traffic is back after the third call, verified by the fourth; the note to the canary makes six.
        assertThat(calls).containsExactly("DescribeListeners", "DescribeTargetHealth", "ModifyListener",
                "DescribeListeners", "DescribeTags", "AddTags");
    }

    @Test
    void switchReusingTheNamesOfTheRunBefore() {
        DeploymentState deploy = h.run(DeploymentRequest.deploy("v2.0.0", "alice").withPromote(false));
        DeploymentEngine engine = h.engine();

        List<String> calls = nonPoll(engine, engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN),
                "bob"), "d-sw", h.now, deploy));

        // 8, over issue 10's 6. The floor with a lock is 7: the lock's write, its confirmation and its removal
        // (each run's own tag, written without a read and removed without one, see TagLock), the listener read,
        // the health of the slot gaining traffic, the write and the verifying read. The eighth is what each slot
        // runs, both services in one call, for the record's images and the expected-image check: which revision a
        // service runs is AWS's to say. The images of those revisions come from the deploy before, which read or
        // registered them: a revision never changes. Issue 10's 6 is below the floor of a locked switch.
        assertThat(calls).containsExactly("AddTags", "DescribeTags", "DescribeListeners",
                "DescribeTargetHealth", "DescribeServices", "ModifyListener", "DescribeListeners", "RemoveTags");
        assertThat(repeatedReads(calls)).isEmpty();
    }

    @Test
    void deploy() {
        List<String> calls = nonPoll(h.engine(), h.engine().start(DeploymentRequest.deploy("v2.0.0", "alice"),
                "d-1", h.now));

        // 18, over issue 10's 16, which the calls that must stay exceed: resolution 4 (both services in one call,
        // which also names the cluster and fails for a missing one; their task definition, with its tags; both
        // target groups in one call, which name the load balancer; its listeners), lock 3 (write, confirm, remove),
        // plan 2 (listener and live service, read again after the lock as another run may have changed them; the
        // live service's task definition is the one resolution read, and immutable), register (copying that same
        // read), update, readiness 2, the read before the write, write and verify, the bake's last check 2
        // (listener, health).
        assertThat(calls).containsExactly("DescribeServices", "DescribeTaskDefinition", "DescribeTargetGroups",
                "DescribeListeners",
                "AddTags", "DescribeTags",
                "DescribeListeners", "DescribeServices",
                "RegisterTaskDefinition", "UpdateService",
                "DescribeServices", "DescribeTargetHealth",
                "DescribeListeners", "ModifyListener", "DescribeListeners",
                "DescribeListeners", "DescribeTargetHealth", "RemoveTags");
    }

    /** The calls of the steps that moved the run on (a transition), in order. */
    private List<String> nonPoll(DeploymentEngine engine, DeploymentState s) {
        List<String> calls = new ArrayList<>();
        while (true) {
            int transitions = s.getRecord().getTransitions().size();
            int before = h.aws.calls().size();
            Instant next = engine.advance(s, h.now);
            if (s.getRecord().getTransitions().size() > transitions) {
                calls.addAll(h.aws.calls().subList(before, h.aws.calls().size()).stream().map(Call::action).toList());
            }
            if (next == null) {
                assertThat(s.getRecord().getOutcome().isSuccess()).as(String.join("\n", h.log)).isTrue();
                return calls;
            }
            if (next.isAfter(h.now)) {
                h.now = next;
            }
        }
    }

    /** Reads of the same action one after the other, with no call in between. */
    private static List<String> repeatedReads(List<String> calls) {
        List<String> repeated = new ArrayList<>();
        for (int i = 1; i < calls.size(); i++) {
            if (calls.get(i).startsWith("Describe") && calls.get(i).equals(calls.get(i - 1))
                    && !calls.get(i).equals("DescribeServices") && !calls.get(i).equals("DescribeTaskDefinition")) {
                repeated.add(calls.get(i));
            }
        }
        return repeated;
    }
}
