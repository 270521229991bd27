package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedRollout;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;

/**
 * A deployment that AWS runs itself ({@link ManagedRollout}): start it, then follow it poll by poll. AWS moves the
 * traffic; the engine approves it at the ready point (or ends a deploy without promotion there), watches health and
 * alarms at every poll, analyses metrics while AWS holds a canary share ({@link ManagedAnalysis}), verifies on the
 * listener that all traffic reached the new slot, and bakes. Anything going wrong goes to {@code STOP_MANAGED}
 * ({@link FailureRoutes}).
 */
final class ManagedPhases {

    Next start(StepContext ctx) {
        DeploymentState s = ctx.state;
        String revision = s.managed.taskDefinitionArn != null ? s.managed.taskDefinitionArn
                : s.rollout.newTaskDefinitionArn;
        ManagedRollout managed = ctx.aws().managed();
        // Marked before the call: a start whose reply was lost may have started a deployment, which a failure
        // must then stop.
        s.managed.startAsked = true;
        s.managed.deploymentId = managed.start(revision, s.record.id);
        s.record.managedDeployment = s.managed.deploymentId;
        return Next.goTo(Phase.FOLLOW_MANAGED, managed.describe() + " started deployment " + s.managed.deploymentId
                + " of " + revision).thenAt(ctx.nextPoll());
    }

    Next follow(StepContext ctx) {
        DeploymentState s = ctx.state;
        ManagedProgress p = ManagedEvents.read(ctx);
        return switch (p.status()) {
            case IN_PROGRESS -> waiting(ctx, p);
            case WAITING_FOR_APPROVAL -> atReady(ctx, p);
            case SHIFTING -> shifting(ctx, p);
            case TRAFFIC_MOVED, SUCCEEDED -> moved(ctx, p);
            case ROLLING_BACK, ROLLED_BACK, FAILED, STOPPED -> {
                s.rollback.failureReason = ctx.aws().managed().describe() + " deployment " + p.id() + " is "
                        + p.status() + (p.message() == null ? "." : ": " + p.message() + ".");
                s.wait.deadline = ctx.now.plus(ManagedRollbackPhases.ROLLBACK_WINDOW);
                yield Next.goTo(Phase.FOLLOW_MANAGED_ROLLBACK, s.rollback.failureReason + " Following it until all"
                        + " traffic is back on " + s.plan.stableSlot);
            }
        };
    }

    private static Next waiting(StepContext ctx, ManagedProgress p) {
        ctx.progress("Deployment " + p.id() + " in progress" + stage(p) + "; production traffic not moved yet");
        return Next.pollAt(ctx.nextPoll());
    }

    /**
     * At the ready point the new task set serves test traffic only. A deploy without promotion ends here, leaving
     * the deployment waiting for a switch; any other run lets it go on.
     */
    private static Next atReady(StepContext ctx, ManagedProgress p) {
        DeploymentState s = ctx.state;
        if (s.request instanceof DeployRequest d && !d.promote()) {
            return Next.finish(Outcome.READY_NOT_PROMOTED, s.record.toImage + " runs in deployment " + p.id()
                    + ", which waits at its ready point with the new task set behind " + s.plan.targetSlot
                    + "'s target group (test traffic only); production traffic is untouched. Continue it with a"
                    + " switch (trafficSwitch, ecs-deploy switch), or stop it with a rollback.");
        }
        if (!s.managed.approved) {
            ctx.aws().managed().approve(p.id());
            s.managed.approved = true;
            ctx.progress("Deployment " + p.id() + " was waiting at its ready point; asked it to go on and shift"
                    + " production traffic to " + s.plan.targetSlot);
        }
        return Next.pollAt(ctx.nextPoll());
    }

    /** AWS shifts or holds a share: watch at every poll, analyse every interval while a canary share is held. */
    private static Next shifting(StepContext ctx, ManagedProgress p) {
        DeploymentState s = ctx.state;
        TrafficSplit actual = ctx.aws().router().currentSplit();
        s.traffic.wanted = actual;
        if (!actual.equals(s.plan.splitBefore)) {
            s.traffic.moved = true;
        }
        int share = actual.percentOf(s.plan.targetSlot);
        Instant next = ManagedAnalysis.step(ctx, share);
        ctx.progress("Deployment " + p.id() + stage(p) + ": " + actual + " on the listener");
        return Next.pollAt(next);
    }

    /**
     * All traffic is on the new slot as AWS reports it: verify it on the listener, then bake: health and alarms at
     * every poll for the bake time. A switch (which continued the deployment) ends once it is verified; after an
     * early end of the final wait it follows the deployment until it has ended.
     */
    private static Next moved(StepContext ctx, ManagedProgress p) {
        DeploymentState s = ctx.state;
        TrafficSplit all = TrafficSplit.allTo(s.plan.targetSlot);
        s.traffic.moved = true;
        boolean verifiedNow = s.managed.bakeUntil == null;
        if (verifiedNow) {
            TrafficSplit actual = ctx.aws().router().currentSplit();
            if (!actual.equals(all)) {
                ctx.progress("Deployment " + p.id() + " reports all traffic moved; the listener still shows "
                        + actual);
                return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
            }
            s.traffic.wanted = all;
            ManagedAnalysis.close(ctx);
            Duration bake = s.request.operation() == Operation.DEPLOY ? ctx.bakeTime() : Duration.ZERO;
            s.managed.bakeUntil = ctx.now.plus(bake);
            s.rollout.bakeWatchedAt = ctx.now;
            ctx.progress("All traffic is on " + s.plan.targetSlot + ", " + ctx.verified() + (bake.isZero() ? ""
                    : "; watching it for " + DurationText.format(bake)));
        }
        if (!verifiedNow) {
            // Every look during the bake, the last one included, reads the listener, the health and the alarms.
            if (!ctx.splitUnchanged()) {
                return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
            }
            SlotWatch.require(ctx, s.plan.targetSlot, "the bake");
        }
        if (ctx.now.isBefore(s.managed.bakeUntil)) {
            Instant next = ctx.nextPoll();
            return Next.pollAt(next.isAfter(s.managed.bakeUntil) ? s.managed.bakeUntil : next);
        }
        if (s.managed.finishedEarly && !p.status().isOver()) {
            ctx.progress("Deployment " + p.id() + stage(p) + ": waiting for it to remove the original task set");
            return Next.pollAt(ctx.nextPoll());
        }
        String end = p.status().isOver() ? "deployment " + p.id() + " has ended and the original task set is gone."
                : "deployment " + p.id() + " keeps the original task set until its termination wait ends; a"
                        + " rollback until then moves traffic back at once.";
        return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " is live with " + s.record.toImage + ", "
                + ctx.verified() + "; " + end);
    }

    private static String stage(ManagedProgress p) {
        return p.stage() == null ? "" : " (" + p.stage() + ")";
    }
}
