package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.Optional;

/**
 * Puts traffic back where it was (a failure or abort after traffic moved), or on the slot a rollback asked for,
 * with one write, then verifies it by reading back. The target must be healthy: if it is not and the other slot
 * is, traffic stays on the healthy one and the outcome says so loudly. A requested rollback to a slot that was
 * scaled down first brings its tasks back and waits until they are ready.
 */
final class RollbackPhases {

    /** Writes and read-backs tried before the rollback is declared failed and a person is called. */
    static final int MAX_ROLLBACK_WRITES = 3;

    private final LockSteps lock;

    RollbackPhases(LockSteps lock) {
        this.lock = lock;
    }

    /** Rollback of a slot that had been scaled down: bring its tasks back before it gets traffic. */
    Next scaleUpTarget(StepContext ctx) {
        DeploymentState s = ctx.state;
        ctx.aws().services().scale(s.plan.targetSlot, s.plan.desiredCount);
        s.wait.deadline = ctx.now.plus(ctx.readinessTimeout());
        return Next.goTo(Phase.WAIT_FOR_TARGET_READY, ctx.state.resolved.service(s.plan.targetSlot) + " scaled to "
                + s.plan.desiredCount + " tasks").thenAt(ctx.nextPoll());
    }

    Next waitForTargetReady(StepContext ctx) {
        DeploymentState s = ctx.state;
        Optional<String> notReady = Readiness.notReady(ctx, s.plan.targetSlot, null);
        if (notReady.isEmpty()) {
            return Next.goTo(Phase.ROLL_BACK, s.plan.targetSlot + " is ready");
        }
        return Readiness.waitOrFail(ctx, notReady.get());
    }

    Next rollBack(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (s.lock == null && s.request.operation() == Operation.SWITCH) {
            // A switch takes no lock: a run that took it since may have planned on the traffic this switch set.
            lock.requireFree(ctx, "A switch, which takes no lock, does not roll back under another run's lock:"
                    + " that run may have planned on the traffic this switch set.");
        }
        TrafficSplit target = s.rollback.target(s.plan);
        Slot destination = target.soleSlot().orElse(null);
        if (destination != null) {
            // The write reads the listener first; that read and the destination's health go out at once: one
            // round trip before the write instead of two.
            SlotHealth slots = ctx.aws().health();
            ReadAhead<TargetHealthSummary> health = ReadAhead.start(() -> slots.targetHealth(destination));
            health.alongside(() -> ctx.aws().router().prepareWrite());
            TargetHealthSummary summary = health.join();
            if (!summary.allHealthy(1)) {
                return unhealthyDestination(ctx, destination, summary);
            }
        }
        ctx.applySplit(target);
        s.wait.deadline = ctx.now.plus(StepContext.READ_BACK_WINDOW);
        s.rollback.writes++;
        return Next.goTo(Phase.VERIFY_ROLLBACK, ctx.asked(target));
    }

    Next verifyRollback(StepContext ctx) {
        DeploymentState s = ctx.state;
        boolean shown;
        try {
            shown = ctx.splitReadsBack();
        } catch (DeploymentFailure stale) {
            if (s.rollback.writes >= MAX_ROLLBACK_WRITES) {
                throw stale;
            }
            return Next.goTo(Phase.ROLL_BACK, stale.getMessage() + " Writing the rollback again.");
        }
        if (!shown) {
            return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
        }
        if (s.rollback.fallbackMessage != null) {
            return Next.finish(Outcome.ROLLBACK_FAILED, s.rollback.fallbackMessage);
        }
        if (s.managed.deploymentId != null && !s.managed.stopAsked) {
            // The emergency rollback of a managed deployment in its termination wait: traffic is safe now; a stop
            // keeps AWS from removing the original task set when the wait ends.
            return Next.goTo(Phase.STOP_MANAGED, "all traffic is back on " + s.plan.targetSlot + ", "
                    + ctx.verified() + "; stopping deployment " + s.managed.deploymentId + " so that AWS keeps it");
        }
        String left = leftSlot(ctx);
        if (s.rollback.failureReason == null) {
            recordImages(ctx);
            String image = s.record.toImage == null ? "" : " (" + s.record.toImage + ")";
            // A preemptive rollback holds no lock: it tells the run that does, now that traffic is safe.
            String preempted = s.lock == null ? Preemption.notifyHolder(ctx) : "";
            return Next.finish(Outcome.SUCCEEDED, "All traffic is back on " + s.plan.targetSlot + image
                    + ", " + ctx.verified() + "." + left + preempted);
        }
        return Next.finish(Outcome.ROLLED_BACK, s.rollback.failureReason + " Traffic is back to "
                + s.rollback.target(s.plan) + ", " + ctx.verified() + "." + left);
    }

    /** What became of the slot the verified rollback took all traffic off (App Runner pauses it), or nothing. */
    private static String leftSlot(StepContext ctx) {
        Optional<Slot> kept = ctx.state.rollback.target(ctx.state.plan).soleSlot();
        return kept.flatMap(slot -> ctx.aws().services().rolledBackFrom(slot.other())).map(note -> " " + note)
                .orElse("");
    }

    /**
     * A preemptive rollback read no service before its write: once traffic is verified, the record takes the
     * images from the earlier run whose names it reused, or reads the target's (two calls) when it has none.
     */
    private static void recordImages(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (s.record.toImage != null || s.plan.targetSlot == null) {
            return;
        }
        s.record.fromImage = s.recordedImages.get(s.plan.stableSlot);
        s.record.toImage = s.recordedImages.get(s.plan.targetSlot);
        if (s.record.toImage == null) {
            try {
                var ecs = ctx.aws().services();
                s.record.toImage = KnownImages.imageOf(ctx, ecs.describe(s.plan.targetSlot).taskDefinitionArn());
            } catch (RuntimeException e) {
                ctx.progress("Could not read the image " + s.plan.targetSlot + " runs, for the record: "
                        + FailureMessages.of(e));
            }
        }
    }

    private static Next unhealthyDestination(StepContext ctx, Slot destination, TargetHealthSummary health) {
        DeploymentState s = ctx.state;
        Slot other = destination.other();
        TargetHealthSummary otherHealth = ctx.aws().health().targetHealth(other);
        String why = s.rollback.reasonPrefix();
        String state = destination + " has " + health.healthy() + "/" + health.total() + " healthy targets, "
                + other + " has " + otherHealth.healthy() + "/" + otherHealth.total();
        if (otherHealth.allHealthy(1)) {
            return fallBack(ctx, TrafficSplit.allTo(other), why + "Could not roll back to " + destination
                    + " because it is unhealthy (" + state + "). ALL TRAFFIC IS ON " + other.id().toUpperCase()
                    + ", the only healthy slot. Investigate " + destination + " now.");
        }
        if (s.request.operation() == Operation.ROLLBACK) {
            // A requested rollback goes away from the active slot: with no healthy slot, moving is no better.
            return fallBack(ctx, s.plan.splitBefore, why + "NEITHER SLOT IS HEALTHY (" + state
                    + "). Traffic is left where it was before the rollback (" + s.plan.splitBefore + "). Act now.");
        }
        return fallBack(ctx, TrafficSplit.allTo(destination), why + "NEITHER SLOT IS HEALTHY (" + state
                + "). All traffic is on the previously active slot " + destination + ". Act now.");
    }

    /**
     * Puts traffic at {@code split}; the message, which says where traffic is, is only reported once the listener
     * shows it, like any other rollback write.
     */
    private static Next fallBack(StepContext ctx, TrafficSplit split, String message) {
        DeploymentState s = ctx.state;
        if (ctx.aws().router().currentSplit().equals(split)) {
            return Next.finish(Outcome.ROLLBACK_FAILED, message);
        }
        s.rollback.fallbackMessage = message;
        s.rollback.fallbackSplit = split;
        ctx.applySplit(split);
        s.wait.deadline = ctx.now.plus(StepContext.READ_BACK_WINDOW);
        s.rollback.writes++;
        return Next.goTo(Phase.VERIFY_ROLLBACK, ctx.asked(split) + " instead");
    }
}
