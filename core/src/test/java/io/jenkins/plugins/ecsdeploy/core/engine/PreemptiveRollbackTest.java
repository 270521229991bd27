package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.aws.LockTag;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An operator's rollback goes first: traffic moves in four calls, with no lock and no settle wait; the canary run
 * that held the lock sees it at its next step, stops without touching traffic, names the rollback and releases its
 * lock.
 */
class PreemptiveRollbackTest {

    @Test
    void rollbackUnderARunningCanaryMovesTrafficFirstAndStopsTheCanary() {
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()) {
            h.run(DeploymentRequest.deploy("v2.0.0", "alice").withPromote(false));
            DeploymentEngine canaryEngine = h.engine();
            DeploymentState canary = canaryEngine.start(DeploymentRequest.canary(List.of(10), Duration.ofMinutes(5),
                    Slot.GREEN, "alice"), "d-canary", h.now);
            h.runUntil(canaryEngine, canary, s -> s.getPhase() == Phase.ANALYSE_CANARY);
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.withShare(Slot.GREEN, 10));

            int before = h.aws.calls().size();
            DeploymentEngine ops = h.engine();
            DeploymentState rollback = ops.start(DeploymentRequest.rollback(null, "bob", "5xx spike"), "d-rollback",
                    h.now, canary);
            h.runToEnd(ops, rollback);
            List<String> calls = actions(h.aws.calls().subList(before, h.aws.calls().size()));

            assertThat(rollback.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
            // Traffic is back after the write's three calls (the listener and the health of the slot to return to
            // read at once); the fourth verifies it; then the lock holder is told.
            assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners", "DescribeTargetHealth");
            assertThat(calls.subList(2, calls.size())).containsExactly("ModifyListener", "DescribeListeners",
                    "DescribeTags", "AddTags");
            assertThat(rollback.getRecord().getOutcomeMessage()).contains("pre-empted deployment d-canary");
            assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).containsKey(LockTag.PREEMPTED_KEY);

            int afterRollback = h.aws.calls().size();
            h.runToEnd(canaryEngine, canary);
            List<String> canaryCalls = actions(h.aws.calls().subList(afterRollback, h.aws.calls().size()));
            assertThat(canaryCalls).doesNotContain("ModifyListener");
            assertThat(canary.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(canary.getRecord().getPreemptedBy()).contains("d-rollback", "bob", "5xx spike");
            assertThat(canary.getRecord().getOutcomeMessage()).startsWith("Pre-empted by rollback d-rollback");
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
            assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).as("lock and note are gone").isEmpty();
        }
    }

    @Test
    void aDeployThatHasNotMovedTrafficYetStopsBeforeItsSwitch() {
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()) {
            DeploymentEngine deployEngine = h.engine();
            DeploymentState deploy = deployEngine.start(DeploymentRequest.deploy("v2.0.0", "alice"), "d-deploy",
                    h.now);
            h.runUntil(deployEngine, deploy, s -> s.getPhase() == Phase.WAIT_FOR_READY);
            // An operator sends all traffic to green while the deploy still waits for it to be ready.
            DeploymentEngine ops = h.engine();
            h.runToEnd(ops, ops.start(DeploymentRequest.rollback(Slot.GREEN, "bob", "drill"), "d-rb", h.now,
                    deploy));
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
            int modifies = h.aws.calls("ModifyListener").size();

            h.runToEnd(deployEngine, deploy);

            assertThat(deploy.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(deploy.getRecord().getPreemptedBy()).contains("d-rb");
            assertThat(h.aws.calls("ModifyListener")).hasSize(modifies);
            assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).as("lock and note are gone").isEmpty();
        }
    }

    @Test
    void theHealthOfTheSlotToReturnToIsReadWhileTheListenerReadIsUnderWay() {
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()) {
            DeploymentState deploy = h.run(DeploymentRequest.deploy("v2.0.0", "alice"));
            int before = h.aws.calls().size();
            // The listener's reply takes two seconds.
            h.aws.readTimeoutDelay(Duration.ofSeconds(2));
            h.aws.inject("DescribeListeners", Fault.READ_TIMEOUT, 1);
            DeploymentEngine ops = h.engine();

            DeploymentState rollback = h.runToEnd(ops, ops.start(DeploymentRequest.rollback(null, "bob", null),
                    "d-rb", h.now, deploy));

            assertThat(rollback.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
            // The health read went out while the listener's reply was awaited, not two seconds later.
            List<String> calls = actions(h.aws.calls().subList(before, h.aws.calls().size()));
            int listener = before + calls.indexOf("DescribeListeners");
            int health = before + calls.indexOf("DescribeTargetHealth");
            assertThat(Duration.ofNanos(Math.abs(h.aws.arrival(health) - h.aws.arrival(listener))))
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(calls.subList(2, calls.size())).startsWith("ModifyListener", "DescribeListeners");
        }
    }

    @Test
    void aWrongGuessOfTheSlotToReturnToReadsTheRightOnesHealth() {
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()) {
            DeploymentState deploy = h.run(DeploymentRequest.deploy("v2.0.0", "alice"));
            // Someone moved traffic back to blue by hand: the run before kept blue as its stable slot, but the
            // rollback now returns to green.
            DeploymentEngine manual = h.engine();
            h.runToEnd(manual, manual.start(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.BLUE), "carol"),
                    "d-manual", h.now));
            int before = h.aws.calls().size();
            DeploymentEngine ops = h.engine();

            DeploymentState rollback = h.runToEnd(ops, ops.start(DeploymentRequest.rollback(null, "bob", null),
                    "d-rb", h.now, deploy));

            assertThat(rollback.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
            List<Call> calls = h.aws.calls().subList(before, h.aws.calls().size());
            List<String> health = calls.stream().filter(c -> c.action().equals("DescribeTargetHealth"))
                    .map(c -> c.param("TargetGroupArn")).toList();
            assertThat(health).hasSize(2).last().isEqualTo(FakeAws.GREEN_TARGET_GROUP_ARN);
        }
    }

    @Test
    void rollbackWithNoRunHoldingTheLockLeavesNoTag() {
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()) {
            DeploymentState deploy = h.run(DeploymentRequest.deploy("v2.0.0", "alice"));
            int before = h.aws.calls().size();
            DeploymentEngine ops = h.engine();
            DeploymentState rollback = ops.start(DeploymentRequest.rollback(null, "bob", null), "d-rb", h.now,
                    deploy);
            h.runToEnd(ops, rollback);
            List<String> calls = actions(h.aws.calls().subList(before, h.aws.calls().size()));
            assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners", "DescribeTargetHealth");
            assertThat(calls.subList(2, calls.size())).containsExactly("ModifyListener", "DescribeListeners",
                    "DescribeTags");
            assertThat(rollback.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
            assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).isEmpty();
            assertThat(h.phases(rollback)).containsExactly(Phase.PREFLIGHT, Phase.VERIFY_ROLLBACK, Phase.FINISHED);
        }
    }

    private static List<String> actions(List<Call> calls) {
        return calls.stream().map(Call::action).toList();
    }
}
