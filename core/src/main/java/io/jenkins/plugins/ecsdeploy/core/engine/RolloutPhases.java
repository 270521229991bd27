package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.time.Instant;
import java.util.Optional;

/** Puts the new version on the idle slot and waits until it is ready; production traffic is not touched. */
final class RolloutPhases {

    Instant registerTaskDefinition(StepContext ctx) {
        DeploymentState s = ctx.state;
        // A crash after RegisterTaskDefinition but before the state was saved registers one more identical
        // revision on resume: harmless, and cheaper than searching revisions for ours.
        if (s.newTaskDefinitionArn == null) {
            s.newTaskDefinitionArn = ctx.aws().services().registerWithImageTag(s.sourceTaskDefinitionArn,
                    s.request.imageTag());
        }
        return ctx.moveTo(Phase.UPDATE_IDLE_SERVICE, "registered " + s.newTaskDefinitionArn + " with "
                + s.record.toImage);
    }

    Instant updateIdleService(StepContext ctx) {
        DeploymentState s = ctx.state;
        ctx.aws().services().update(s.targetSlot, s.newTaskDefinitionArn, s.desiredCount);
        s.deadline = ctx.now.plus(ctx.readinessTimeout());
        ctx.moveTo(Phase.WAIT_FOR_READY, ctx.state.resolved.service(s.targetSlot) + " updated to "
                + s.newTaskDefinitionArn + " with " + s.desiredCount + " tasks; waiting up to "
                + ctx.readinessTimeout().toSeconds() + " s for it to be ready");
        return ctx.nextPoll();
    }

    Instant waitForReady(StepContext ctx) {
        DeploymentState s = ctx.state;
        Optional<String> notReady = notReady(ctx, s.targetSlot, s.newTaskDefinitionArn);
        if (notReady.isEmpty()) {
            if (ctx.config.testListener() != null) {
                return ctx.moveTo(Phase.POINT_TEST_TRAFFIC, s.targetSlot + " is ready");
            }
            return ctx.moveTo(Phase.SMOKE_CHECKS, s.targetSlot + " is ready");
        }
        return waitOrFail(ctx, notReady.get());
    }

    Instant pointTestTraffic(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (testSlot(ctx) != s.targetSlot) {
            ctx.aws().testTraffic().pointTestTrafficAt(s.targetSlot);
            if (testSlot(ctx) != s.targetSlot) {
                throw new DeploymentFailure("The test listener does not show " + s.targetSlot
                        + " after it was pointed there.");
            }
        }
        return ctx.moveTo(Phase.SMOKE_CHECKS, "test listener points at " + s.targetSlot);
    }

    /**
     * The slot the test listener sends everything to, or null when it splits traffic: a split test listener is
     * simply not pointed at the new slot yet, which is this phase's job, not an error.
     */
    private static Slot testSlot(StepContext ctx) {
        try {
            return ctx.aws().testTraffic().testTrafficSlot().orElse(null);
        } catch (IllegalStateException split) {
            return null;
        }
    }

    /** Rollback of a slot that had been scaled down: bring its tasks back before it gets traffic. */
    Instant scaleUpTarget(StepContext ctx) {
        DeploymentState s = ctx.state;
        ctx.aws().services().scale(s.targetSlot, s.desiredCount);
        s.deadline = ctx.now.plus(ctx.readinessTimeout());
        ctx.moveTo(Phase.WAIT_FOR_TARGET_READY, ctx.state.resolved.service(s.targetSlot) + " scaled to "
                + s.desiredCount + " tasks");
        return ctx.nextPoll();
    }

    Instant waitForTargetReady(StepContext ctx) {
        DeploymentState s = ctx.state;
        Optional<String> notReady = notReady(ctx, s.targetSlot, null);
        if (notReady.isEmpty()) {
            return ctx.moveTo(Phase.ROLL_BACK, s.targetSlot + " is ready");
        }
        return waitOrFail(ctx, notReady.get());
    }

    private static Instant waitOrFail(StepContext ctx, String why) {
        DeploymentState s = ctx.state;
        if (!ctx.now.isBefore(s.deadline)) {
            throw new DeploymentFailure(s.targetSlot + " was not ready within " + ctx.readinessTimeout().toSeconds()
                    + " s: " + why + ".");
        }
        ctx.progress("Waiting for " + s.targetSlot + ": " + why);
        return ctx.nextPoll();
    }

    /**
     * Why the slot is not ready yet, or empty when it is: its service runs {@code taskDefinitionArn} (if given)
     * in one finished deployment with every desired task running, and every registered target is healthy.
     */
    private static Optional<String> notReady(StepContext ctx, Slot slot, String taskDefinitionArn) {
        ServiceSnapshot svc = ctx.aws().services().describe(slot);
        if ("FAILED".equals(svc.rolloutState())) {
            throw new DeploymentFailure("ECS reports the rollout of " + svc.serviceName() + " FAILED: "
                    + svc.rolloutStateReason());
        }
        if (taskDefinitionArn != null && !taskDefinitionArn.equals(svc.taskDefinitionArn())) {
            return Optional.of(svc.serviceName() + " still runs " + svc.taskDefinitionArn());
        }
        if (!svc.isSteady()) {
            return Optional.of(svc.runningCount() + "/" + svc.desiredCount() + " tasks running, "
                    + svc.pendingCount() + " pending, rollout " + svc.rolloutState());
        }
        // A slot with no task is never ready, even when a lagging read still shows the service at zero tasks.
        int needed = Math.max(1, svc.desiredCount());
        TargetHealthSummary health = ctx.aws().health().targetHealth(slot);
        if (!health.allHealthy(needed)) {
            return Optional.of(health.healthy() + "/" + health.total() + " targets healthy (need " + needed + ")");
        }
        return Optional.empty();
    }
}
