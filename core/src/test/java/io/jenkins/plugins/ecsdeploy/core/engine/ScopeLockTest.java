package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.aws.LockTag;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A scope (a Pipeline block) takes the lock once, with the settle delay; the runs inside act under it: each checks
 * it once, with no settle wait, renews it, and leaves it held; the scope releases it at its end.
 */
class ScopeLockTest {

    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();
    private final AwsClients clients = AwsClients.create(h.connection);

    @AfterEach
    void close() {
        clients.close();
        h.close();
    }

    private ScopeLock scope() {
        DeploymentLock lock = AwsEngines.lock(h.config(), clients);
        return new ScopeLock(lock, LockSettings.at(RunHarness.WHERE));
    }

    @Test
    void runsInsideAScopeActUnderItsLockAndLeaveItHeld() {
        ScopeLock scope = scope();
        LockHolder held = scope.acquire("block-7", "alice", h.now);
        assertThatThrownBy(() -> scope.confirm(held, h.now)).isInstanceOf(IllegalStateException.class);
        h.now = scope.confirmAt(held);
        scope.confirm(held, h.now);

        for (String slot : List.of("blue", "green")) {
            h.aws.metrics().set(slot, "RequestCount", "Sum", 1000).set(slot, "HTTPCode_Target_5XX_Count", "Sum", 0)
                    .set(slot, "TargetResponseTime", "p99", 0.200).set(slot, "HealthyHostCount", "Minimum", 2)
                    .set(slot, "UnHealthyHostCount", "Maximum", 0);
        }
        LockHolder current = held;
        for (DeploymentRequest request : List.of(DeploymentRequest.deploy("v2.0.0", "alice").withPromote(false),
                DeploymentRequest.canary(List.of(10), Duration.ofMinutes(2), Slot.GREEN, "alice"),
                DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice"))) {
            DeploymentEngine engine = h.engine();
            DeploymentState s = engine.start(request, "d-" + request.operation(), h.now);
            engine.useScopeLock(s, current);
            int before = h.aws.calls().size();
            h.runToEnd(engine, s);

            assertThat(s.getRecord().getOutcome().isSuccess()).as(String.join("\n", h.log)).isTrue();
            List<String> lockCalls = h.aws.calls().subList(before, h.aws.calls().size()).stream()
                    .map(c -> c.action()).filter(a -> a.endsWith("Tags")).toList();
            assertThat(lockCalls).as("checked once, never written or removed").containsExactly("DescribeTags");
            assertThat(s.getRecord().getTransitions()).filteredOn(t -> t.to() == Phase.CONFIRM_LOCK)
                    .extracting(Transition::at).as("no settle wait").containsExactly(s.getRecord().getStartedAt());
            assertThat(LockTag.decode(h.aws.tags(FakeAws.LISTENER_ARN).get(LockTag.KEY + "/block-7"))
                    .deploymentId()).isEqualTo("block-7");
            current = s.getLock();
        }
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(scope.release(current)).isTrue();
        assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).isEmpty();
    }

    @Test
    void aRunUnderAScopeWhoseLockWasTakenChangesNothing() {
        ScopeLock scope = scope();
        LockHolder held = scope.acquire("block-7", "alice", h.now);
        h.aws.edit(s -> s.tags.get(FakeAws.LISTENER_ARN).clear());
        h.aws.edit(s -> s.tags.get(FakeAws.LISTENER_ARN).put(LockTag.KEY + "/d-other", LockTag.encode(
                LockHolder.forRun("d-other", "mallory", "elsewhere", h.now, Duration.ofMinutes(30)))));
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice"),
                "d-1", h.now);
        engine.useScopeLock(s, held);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("block-7", "d-other", "Nothing was changed");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys(LockTag.KEY + "/d-other");
    }

    @Test
    void theScopeLockCannotBeGivenToARunThatHasStarted() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice"),
                "d-1", h.now);
        engine.advance(s, h.now);
        assertThatThrownBy(() -> engine.useScopeLock(s, LockHolder.forRun("block-7", "alice", "x", h.now,
                Duration.ofMinutes(30)))).isInstanceOf(IllegalStateException.class);
    }
}
