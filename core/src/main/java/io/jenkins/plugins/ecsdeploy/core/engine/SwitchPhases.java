package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Moves all traffic (or the requested split), verifies it by reading back, bakes, and scales the old slot down. */
final class SwitchPhases {

    /** Metric periods to wait for proof that the old slot is drained before giving up on scaling it down. */
    static final int SCALE_DOWN_CONFIRMATIONS = 5;

    Next switchTraffic(StepContext ctx) {
        DeploymentState s = ctx.state;
        TrafficSplit wanted = s.request.operation() == Operation.SWITCH ? s.traffic.wanted
                : TrafficSplit.allTo(s.plan.targetSlot);
        ctx.applySplit(wanted);
        s.wait.deadline = ctx.now.plus(StepContext.READ_BACK_WINDOW);
        return Next.goTo(Phase.VERIFY_SWITCH, ctx.asked(wanted));
    }

    Next verifySwitch(StepContext ctx) {
        DeploymentState s = ctx.state;
        // A switch takes no lock: another person's switch may land on top of it, and is left alone.
        if (!ctx.splitReadsBack(s.request.operation() == Operation.SWITCH ? s.plan.splitBefore : null)) {
            return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
        }
        if (s.request.operation() == Operation.SWITCH) {
            return Next.finish(Outcome.SUCCEEDED, "Traffic is now " + s.traffic.wanted
                    + ", " + ctx.verified() + ".");
        }
        // Behind DNS the bake is longer by the records' TTL: clients may reach the new slot only after it.
        Duration watched = ctx.bakeTime().plus(ctx.clientCache());
        s.wait.deadline = ctx.now.plus(watched);
        s.rollout.bakeWatchedAt = ctx.now;
        return Next.goTo(Phase.BAKE, "verified: " + s.traffic.wanted + ctx.cacheNote() + "; watching "
                + s.plan.targetSlot + " for " + DurationText.format(watched));
    }

    /** Watches the new slot: any unhealthy target or alarm in ALARM ends the bake and rolls back. */
    Next bake(StepContext ctx) {
        DeploymentState s = ctx.state;
        // The bake's first look comes in the instant of the verifying read, which has just seen the split.
        boolean justVerified = ctx.now.equals(s.rollout.bakeWatchedAt);
        if (!justVerified && !ctx.splitUnchanged()) {
            return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
        }
        TargetHealthSummary health = SlotWatch.require(ctx, s.plan.targetSlot, "the bake");
        extendBakeOverGap(ctx);
        if (ctx.now.isBefore(s.wait.deadline)) {
            ctx.progress("Baking " + s.plan.targetSlot + ": " + health.healthy() + "/" + health.total()
                    + " targets healthy, no alarm; " + Duration.between(ctx.now, s.wait.deadline).toSeconds()
                    + " s left");
            return Next.pollAt(pollUntilDeadline(ctx));
        }
        Duration scaleDownAfter = ctx.scaleDownOldAfter();
        if (scaleDownAfter == null) {
            return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " is live with " + s.record.toImage + "; "
                    + s.plan.stableSlot + " is kept warm for instant rollback.");
        }
        s.wait.deadline = ctx.now.plus(scaleDownAfter);
        return Next.goTo(Phase.SCALE_DOWN_OLD, "bake passed; " + s.plan.stableSlot + " will be scaled down in "
                + DurationText.format(scaleDownAfter)).thenAt(pollUntilDeadline(ctx));
    }

    /**
     * A bake is time spent watching: when the run was not called for several polls (a crash, a controller
     * restart), the unwatched time does not count, so the deadline moves out by as much.
     */
    private static void extendBakeOverGap(StepContext ctx) {
        DeploymentState s = ctx.state;
        Duration poll = ctx.config.health().pollInterval();
        if (s.rollout.bakeWatchedAt != null) {
            Duration gap = Duration.between(s.rollout.bakeWatchedAt, ctx.now);
            if (gap.compareTo(poll.multipliedBy(3)) > 0) {
                Duration unwatched = gap.minus(poll);
                s.wait.deadline = s.wait.deadline.plus(unwatched);
                ctx.progress("The bake was not watched for " + unwatched.toSeconds() + " s (was the run stopped?);"
                        + " it is extended by as much, to " + s.wait.deadline);
            }
        }
        s.rollout.bakeWatchedAt = ctx.now;
    }

    /**
     * The next poll, but no later than the deadline. A run that slept until a deadline beyond the lock's TTL
     * would let its lock lapse: each step renews it.
     */
    private static Instant pollUntilDeadline(StepContext ctx) {
        Instant next = ctx.nextPoll();
        return next.isAfter(ctx.state.wait.deadline) ? ctx.state.wait.deadline : next;
    }

    /**
     * Scales the old slot to zero once the delay is over, but only after seeing that the final weights are in
     * effect: the listener reads back all traffic on the new slot, and the old slot's target group received no
     * request in the latest metric period. A failure here no longer threatens traffic, so it ends the run as a
     * success with a warning rather than a rollback.
     */
    Next scaleDownOld(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (ctx.now.isBefore(s.wait.deadline)) {
            return Next.pollAt(pollUntilDeadline(ctx));
        }
        TrafficSplit actual = ctx.aws().router().currentSplit();
        if (!actual.equals(TrafficSplit.allTo(s.plan.targetSlot))) {
            return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " went live, but traffic has since changed to "
                    + actual + "; " + s.plan.stableSlot + " was NOT scaled down.");
        }
        Duration period = ctx.config.analysis().interval();
        Map<Slot, IntervalMetrics> latest = ctx.aws().metrics().fetch(ctx.now.minus(period.multipliedBy(2)),
                ctx.now.minus(period));
        long oldRequests = requests(latest.get(s.plan.stableSlot));
        long newRequests = requests(latest.get(s.plan.targetSlot));
        if (oldRequests > 0 || newRequests == 0) {
            String seen = s.plan.stableSlot + " received " + oldRequests + " and " + s.plan.targetSlot + " "
                    + newRequests + " requests in the latest period";
            s.wait.attempts++;
            if (s.wait.attempts > SCALE_DOWN_CONFIRMATIONS) {
                return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " is live, but " + seen + "; "
                        + s.plan.stableSlot + " was NOT scaled down.");
            }
            ctx.progress(seen + "; waiting before scaling " + s.plan.stableSlot + " down");
            return Next.pollAt(ctx.now.plus(period));
        }
        ctx.aws().services().scale(s.plan.stableSlot, 0);
        return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " is live with " + s.record.toImage + "; "
                + s.plan.stableSlot + " scaled to 0 tasks.");
    }

    private static long requests(IntervalMetrics m) {
        return m == null || m.requests() == null ? 0 : m.requests().longValue();
    }
}
