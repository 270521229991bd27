package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.Optional;

/** Puts the new version on the idle slot and waits until it is ready; production traffic is not touched. */
final class RolloutPhases {

    Next registerTaskDefinition(StepContext ctx) {
        DeploymentState s = ctx.state;
        // A crash after RegisterTaskDefinition but before the state was saved registers one more identical
        // revision on resume: harmless, and cheaper than searching revisions for ours.
        if (s.rollout.newTaskDefinitionArn == null) {
            s.rollout.newTaskDefinitionArn = ctx.aws().services().registerWithImageTag(s.plan.sourceTaskDefinitionArn,
                    s.deployRequest().imageTag());
            // The copy differs from its source only in the tag, as the record's image does: the next run's
            // switch then reads no task definition for it.
            KnownImages.remember(s, ctx.config.container(), s.rollout.newTaskDefinitionArn, s.record.toImage);
        }
        if (ctx.aws().managed() != null) {
            return Next.goTo(Phase.START_MANAGED, "registered " + s.rollout.newTaskDefinitionArn + " with "
                    + s.record.toImage);
        }
        return Next.goTo(Phase.UPDATE_IDLE_SERVICE, "registered " + s.rollout.newTaskDefinitionArn + " with "
                + s.record.toImage);
    }

    Next updateIdleService(StepContext ctx) {
        DeploymentState s = ctx.state;
        Optional<String> awaited = ctx.aws().services().prepareUpdate(s.plan.targetSlot);
        if (awaited.isPresent()) {
            // A paused App Runner service is resumed first: bounded by the readiness timeout, as its readiness is.
            if (!ctx.now.isBefore(s.phaseEnteredAt.plus(ctx.readinessTimeout()))) {
                throw new DeploymentFailure(s.plan.targetSlot + " could not be updated within "
                        + ctx.readinessTimeout().toSeconds() + " s: " + awaited.get() + ".");
            }
            ctx.progress("Before updating " + s.plan.targetSlot + ": " + awaited.get());
            return Next.pollAt(ctx.nextPoll());
        }
        requireStillIdle(ctx);
        ctx.aws().services().update(s.plan.targetSlot, s.rollout.newTaskDefinitionArn, s.plan.desiredCount);
        s.wait.deadline = ctx.now.plus(ctx.readinessTimeout());
        return Next.goTo(Phase.WAIT_FOR_READY, ctx.state.resolved.service(s.plan.targetSlot) + " updated to "
                + s.rollout.newTaskDefinitionArn + " with " + s.plan.desiredCount + " tasks; waiting up to "
                + ctx.readinessTimeout().toSeconds() + " s for it to be ready").thenAt(ctx.nextPoll());
    }

    /**
     * The slot about to be updated must still carry no production traffic: a switch takes no lock, and one whose
     * write AWS was slow to apply (retries) may have sent traffic to it after this run planned. Updating it then
     * would put the new version live with no check at all. Nothing has been written yet: stop.
     *
     * @throws TrafficChangedOutside when the slot has production traffic now
     */
    private static void requireStillIdle(StepContext ctx) {
        DeploymentState s = ctx.state;
        TrafficSplit live = ctx.aws().router().currentSplit();
        if (live.percentOf(s.plan.targetSlot) > 0) {
            ctx.stopIfPreempted();
            throw new TrafficChangedOutside("Production traffic was changed outside this deployment after it"
                    + " planned: " + s.plan.targetSlot + " now has " + live.percentOf(s.plan.targetSlot) + "% ("
                    + live + "), so it is not idle. Stopping before updating it; nothing was changed. Run the"
                    + " deployment again.");
        }
    }

    Next waitForReady(StepContext ctx) {
        DeploymentState s = ctx.state;
        Optional<String> notReady = Readiness.notReady(ctx, s.plan.targetSlot, s.rollout.newTaskDefinitionArn);
        if (notReady.isEmpty()) {
            if (ctx.config.testListener() != null) {
                return Next.goTo(Phase.POINT_TEST_TRAFFIC, s.plan.targetSlot + " is ready");
            }
            return Next.goTo(Phase.SMOKE_CHECKS, s.plan.targetSlot + " is ready");
        }
        return Readiness.waitOrFail(ctx, notReady.get());
    }

    Next pointTestTraffic(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (testSlot(ctx) != s.plan.targetSlot) {
            ctx.aws().testTraffic().pointTestTrafficAt(s.plan.targetSlot);
            if (testSlot(ctx) != s.plan.targetSlot) {
                throw new DeploymentFailure("The test listener does not show " + s.plan.targetSlot
                        + " after it was pointed there.");
            }
        }
        return Next.goTo(Phase.SMOKE_CHECKS, "test listener points at " + s.plan.targetSlot);
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
}
