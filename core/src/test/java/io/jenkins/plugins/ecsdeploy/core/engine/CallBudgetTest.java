package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each operation's AWS calls, counted at the wire against the fake, pinned so that a change that adds one fails
 * here. Polls are not counted: the calls of a step that stays in its phase (a read-back not showing yet), and every
 * step of a phase that watches (waiting for tasks, a bake), whose number depends on how long AWS takes; what one
 * poll reads is pinned instead. The budget is of the calls every run makes once. The figures of issue 10 are switch
 * 6, rollback 6, deploy 16. The lists are exact: a call added, dropped or moved fails here.
 */
class CallBudgetTest {

    /** The phases a run stays in while tasks start, metrics come or a bake runs: their steps are polls. */
    private static final Set<Phase> WATCHING = EnumSet.of(Phase.WAIT_FOR_READY, Phase.WAIT_FOR_TARGET_READY,
            Phase.BAKE, Phase.SCALE_DOWN_OLD, Phase.ANALYSE_CANARY);

    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();
    /** The calls each poll made, by phase. */
    private final Map<Phase, Set<List<String>>> polls = new EnumMap<>(Phase.class);

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

        // Traffic is back after the third call, verified by the fourth; the note to the canary makes six. The first
        // two are read at once (the canary's stable slot is where the rollback most likely returns), in either order.
        assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners", "DescribeTargetHealth");
        assertThat(calls.subList(2, calls.size())).containsExactly("ModifyListener", "DescribeListeners",
                "DescribeTags", "AddTags");
    }

    @Test
    void switchReusingTheNamesOfTheRunBefore() {
        DeploymentState deploy = h.run(DeploymentRequest.deploy("v2.0.0", "alice").withPromote(false));
        DeploymentEngine engine = h.engine();

        List<String> calls = nonPoll(engine, engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN),
                "bob"), "d-sw", h.now, deploy));

        // 6: the lock read (a switch takes no lock but does not act under another run's), the listener, the health
        // of the slot gaining traffic, what each slot runs (both services in one call: the record's images and the
        // expected-image check; which revision a service runs is AWS's to say, the images of those revisions come
        // from the deploy before, which read or registered them), the write and the verifying read.
        assertThat(calls).containsExactly("DescribeTags", "DescribeListeners", "DescribeTargetHealth",
                "DescribeServices", "ModifyListener", "DescribeListeners");
        assertThat(repeatedReads(calls)).isEmpty();
    }

    @Test
    void deploy() {
        DeploymentEngine engine = h.engine();
        List<String> calls = nonPoll(engine, engine.start(DeploymentRequest.deploy("v2.0.0", "alice"), "d-1", h.now));

        // 15: resolution 4 (both services in one call, which also names the cluster and fails for a missing one;
        // their task definition, with its tags; both target groups in one call, which name the load balancer; its
        // listeners), lock 3 (write, confirm, remove), plan 2 (listener and live service, read again after the lock
        // as another run may have changed them; the live service's task definition is the one resolution read, and
        // immutable), register (copying that same read), the listener again (the slot to update must still be idle:
        // a switch takes no lock), update, the read before the traffic write (tasks took minutes to start: the
        // listener may have changed), the write and the verifying read.
        assertThat(calls).containsExactly("DescribeServices", "DescribeTaskDefinition", "DescribeTargetGroups",
                "DescribeListeners",
                "AddTags", "DescribeTags",
                "DescribeListeners", "DescribeServices",
                "RegisterTaskDefinition", "DescribeListeners", "UpdateService",
                "DescribeListeners", "ModifyListener", "DescribeListeners",
                "RemoveTags");
        // Each poll reads only what can change while the run waits: the new tasks (and their targets' health once
        // they run), then, in the bake, the traffic and the new slot's health. The bake's first poll, in the instant
        // of the verifying read, reads health only.
        assertThat(polls).containsOnlyKeys(Phase.WAIT_FOR_READY, Phase.BAKE);
        assertThat(polls.get(Phase.WAIT_FOR_READY)).containsExactly(List.of("DescribeServices"),
                List.of("DescribeServices", "DescribeTargetHealth"));
        assertThat(polls.get(Phase.BAKE)).containsExactly(List.of("DescribeTargetHealth"),
                List.of("DescribeListeners", "DescribeTargetHealth"));
    }

    /**
     * The calls of the steps that moved the run on (a transition), in order, leaving out the polls of the phases that
     * watch AWS or the clock ({@link #WATCHING}): each of their steps is a poll, the last one too, however many there
     * are. Those are collected in {@link #polls}, each distinct list of calls once.
     */
    private List<String> nonPoll(DeploymentEngine engine, DeploymentState s) {
        List<String> calls = new ArrayList<>();
        while (true) {
            Phase phase = s.getPhase();
            int transitions = s.getRecord().getTransitions().size();
            int before = h.aws.calls().size();
            Instant next = engine.advance(s, h.now);
            List<String> made = h.aws.calls().subList(before, h.aws.calls().size()).stream().map(Call::action)
                    .toList();
            if (WATCHING.contains(phase)) {
                // The lock's release, in the step that ends the run, is made once.
                polls.computeIfAbsent(phase, p -> new LinkedHashSet<>()).add(made.stream()
                        .filter(a -> !a.endsWith("Tags")).toList());
                calls.addAll(made.stream().filter(a -> a.endsWith("Tags")).toList());
            } else if (s.getRecord().getTransitions().size() > transitions) {
                calls.addAll(made);
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
