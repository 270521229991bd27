package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ServiceControl;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the environment and takes the deployment lock; then, once the lock is confirmed, reads what AWS says
 * now (never a local guess) and writes the run's {@link RunPlan}. Writes nothing to AWS but the lock: a failure
 * here leaves the environment untouched. A rollback and a switch of a load balancer's or Route 53's traffic take no
 * lock: each plans and makes its one write here.
 */
final class PreflightPhase {

    /** The longest record TTL a canary behind DNS accepts. */
    static final Duration MAX_CANARY_CACHE = Duration.ofMinutes(5);

    private final EnvironmentResolver resolver;
    private final LockSteps lock;

    PreflightPhase(EnvironmentResolver resolver, LockSteps lock) {
        this.resolver = resolver;
        this.lock = lock;
    }

    Next run(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (s.resolved == null) {
            s.resolved = resolver.resolve(ctx.config);
        }
        if (s.lockFromScope) {
            lock.checkScopeLock(ctx);
        }
        if (s.request.operation() == Operation.ROLLBACK) {
            return ctx.aws().managed() == null ? preemptiveRollback(ctx)
                    : ManagedEntry.rollback(ctx, () -> preemptiveRollback(ctx));
        }
        if (s.request.operation() == Operation.SWITCH && ctx.aws().managed() == null && !s.lockFromScope) {
            // A switch is one write: it takes no lock and no settle wait, but does not act under another run's.
            lock.requireFree(ctx);
            s.plan = new RunPlan(ctx.aws().router().currentSplit());
            return switchTraffic(ctx);
        }
        if (s.request.operation() == Operation.DEPLOY && ctx.aws().managed() != null) {
            ManagedEntry.requireIdle(ctx);
            ManagedEntry.requireApprovalPoint(ctx);
        }
        boolean staged = s.request.operation() == Operation.DEPLOY || s.request.operation() == Operation.CANARY;
        if (staged && s.canaryStages() != null) {
            // Bad stage input is refused before the lock tag is written, as nothing may be.
            requireStageCoversAnInterval(ctx, s.canaryStages().stageDuration());
            requireShortCache(ctx, s.canaryStages().stageDuration());
        }
        if (staged) {
            // Before the lock's write: a run refused for a firing alarm writes nothing and does not wait for the
            // lock to settle. A run resumed past this point has its alarms watched from its first wait on.
            requireAlarmsQuiet(ctx);
        }
        if (s.lockFromScope) {
            return Next.goTo(Phase.CONFIRM_LOCK, "runs under the deployment lock its caller holds: "
                    + s.lock.describe());
        }
        Instant confirmAt = lock.acquire(ctx);
        return Next.goTo(Phase.CONFIRM_LOCK, "took the deployment lock on " + ctx.aws().lock().resource()
                + " until " + s.lock.expires() + "; reading it back before changing anything").thenAt(confirmAt);
    }

    /** Confirms the lock after the settle delay, then reads the environment and plans the run. */
    Next confirmAndPlan(StepContext ctx) {
        Instant wait = lock.confirm(ctx);
        if (wait != null) {
            return Next.pollAt(wait);
        }
        DeploymentState s = ctx.state;
        s.plan = new RunPlan(ctx.aws().router().currentSplit());
        return switch (s.request.operation()) {
            case DEPLOY -> deploy(ctx);
            case CANARY -> canary(ctx);
            case SWITCH -> ctx.aws().managed() == null ? switchTraffic(ctx) : ManagedEntry.continueDeployment(ctx);
            case ROLLBACK -> rollback(ctx);
        };
    }

    private Next deploy(StepContext ctx) {
        DeploymentState s = ctx.state;
        Slot active = s.plan.splitBefore.soleSlot().orElseThrow(() -> new DeploymentFailure(
                "Production traffic is split (" + s.plan.splitBefore + "): a canary is under way. Finish it with a"
                        + " switch to one slot, or roll back, before deploying again."));
        ServiceControl ecs = ctx.aws().services();
        ServiceSnapshot activeService = ecs.describe(active);
        String currentImage = KnownImages.imageOf(ctx, activeService.taskDefinitionArn());
        s.plan.stableSlot = active;
        s.plan.targetSlot = active.other();
        s.plan.sourceTaskDefinitionArn = activeService.taskDefinitionArn();
        s.plan.desiredCount = Math.max(1, activeService.desiredCount());
        s.plan.rollbackSplit = TrafficSplit.allTo(active);
        record(s, currentImage, ImageReference.withTag(currentImage, s.deployRequest().imageTag()));
        return Next.goTo(Phase.REGISTER_TASK_DEFINITION, active + " is live with " + currentImage + " ("
                + activeService.runningCount() + "/" + activeService.desiredCount() + " tasks); deploying "
                + s.record.toImage + " to " + s.plan.targetSlot);
    }

    private Next canary(StepContext ctx) {
        DeploymentState s = ctx.state;
        CanaryRequest request = (CanaryRequest) s.request;
        Slot canary = request.slot() != null ? request.slot() : minority(s.plan.splitBefore);
        s.plan.targetSlot = canary;
        s.plan.stableSlot = canary.other();
        s.plan.rollbackSplit = TrafficSplit.allTo(s.plan.stableSlot);
        requireHealthy(ctx, canary, "Deploy the new version to it first (blueGreenDeploy with promote: false).");
        // The stable slot takes the rest of the traffic at every stage: naming the live slot as the canary would
        // otherwise send most traffic to the idle one, which may have no task at all.
        requireHealthy(ctx, s.plan.stableSlot, "It would take " + (100 - request.stages().percents().get(0))
                + "% of traffic at the first stage; scale it up, or name the other slot as the canary.");
        Map<Slot, String> images = images(ctx, ctx.aws().services().describeBoth());
        String stableImage = images.get(s.plan.stableSlot);
        String canaryImage = images.get(canary);
        record(s, stableImage, canaryImage);
        ExpectedImageCheck.require(request.expectedImage(), canary, canaryImage, "the canary slot");
        s.canary.stageIndex = 0;
        return Next.goTo(Phase.SHIFT_CANARY, "canary " + canary + " runs " + canaryImage + "; stable "
                + s.plan.stableSlot + " runs " + stableImage + "; traffic now " + s.plan.splitBefore);
    }

    private Next switchTraffic(StepContext ctx) {
        DeploymentState s = ctx.state;
        TrafficSplit wanted = ((SwitchRequest) s.request).weights();
        for (Slot slot : Slot.values()) {
            if (wanted.percentOf(slot) > 0) {
                requireHealthy(ctx, slot, "Deploy to it or scale it up before sending it traffic.");
            }
        }
        s.traffic.wanted = wanted;
        s.plan.rollbackSplit = s.plan.splitBefore;
        // The record's "to" is the slot that gains traffic, so 100/0 -> 90/10 reads "blue to green"; a switch that
        // changes nothing falls back to the slot with the larger share.
        int gain = wanted.green() - s.plan.splitBefore.green();
        s.plan.targetSlot = gain > 0 ? Slot.GREEN : gain < 0 ? Slot.BLUE
                : wanted.green() >= wanted.blue() ? Slot.GREEN : Slot.BLUE;
        s.plan.stableSlot = s.plan.targetSlot.other();
        Map<Slot, String> images = images(ctx, ctx.aws().services().describeBoth());
        record(s, images.get(s.plan.stableSlot), images.get(s.plan.targetSlot));
        ExpectedImageCheck.require(((SwitchRequest) s.request).expectedImage(), s.plan.targetSlot, s.record.toImage,
                "the slot gaining traffic");
        if (wanted.equals(s.plan.splitBefore)) {
            return Next.finish(Outcome.SUCCEEDED, "Traffic is already " + wanted + "; nothing changed.");
        }
        // The write reuses the listener read of the plan, made in this step: nothing was written in between.
        ctx.applySplit(wanted);
        s.wait.deadline = ctx.now.plus(StepContext.READ_BACK_WINDOW);
        // Worded as before the Route 53 merge for a load balancer: saved states (format 4) hold this text.
        return Next.goTo(Phase.VERIFY_SWITCH, "switching from " + s.plan.splitBefore + " to " + wanted + ": asked "
                + ctx.aws().router().writesTo() + " for it");
    }

    /**
     * A person's rollback takes the shortest safe path: no lock, no settle wait. It reads the listener and the
     * health of the slot to return to, and writes at once when that slot is healthy: three calls before the write
     * is made, the fourth verifies it. The run that holds the lock, if any, is told once traffic is verified
     * ({@link Preemption}). A slot that is unhealthy or scaled down takes the careful path of {@link #rollback}.
     */
    private Next preemptiveRollback(StepContext ctx) {
        DeploymentState s = ctx.state;
        // The slot to return to is known before the listener is read when the request names it, or from the run
        // being rolled back: its health is then read at the same time as the listener, one round trip instead of
        // two before the write. The listener still decides; a wrong guess costs one more read.
        Slot asked = ((RollbackRequest) s.request).slot();
        Slot likely = asked != null ? asked : s.likelyRollbackSlot;
        SlotHealth slots = ctx.aws().health();
        ReadAhead<TargetHealthSummary> early = likely == null ? null
                : ReadAhead.start(() -> slots.targetHealth(likely));
        Runnable readListener = () -> s.plan = new RunPlan(ctx.aws().router().currentSplit());
        if (early == null) {
            readListener.run();
        } else {
            early.alongside(readListener);
        }
        Slot target = planRollback(s);
        if (s.plan.splitBefore.equals(s.plan.rollbackSplit)) {
            return Next.finish(Outcome.SUCCEEDED, "All traffic is already on " + target + "; nothing changed.");
        }
        TargetHealthSummary health = early != null && target == likely ? early.join() : slots.targetHealth(target);
        if (!health.allHealthy(1) && ctx.aws().managed() != null) {
            return ManagedEntry.redeployPrevious(ctx, target);
        }
        if (!health.allHealthy(1)) {
            ctx.progress(target + " has " + health.healthy() + "/" + health.total() + " healthy targets; checking"
                    + " its service before moving traffic");
            return rollbackSlot(ctx, target);
        }
        s.record.fromSlot = s.plan.stableSlot;
        s.record.toSlot = target;
        String expected = ((RollbackRequest) s.request).expectedImage();
        if (expected != null) {
            ServiceControl ecs = ctx.aws().services();
            s.record.toImage = KnownImages.imageOf(ctx, ecs.describe(target).taskDefinitionArn());
            ExpectedImageCheck.require(expected, target, s.record.toImage, "the slot to return to");
        }
        ctx.applySplit(s.plan.rollbackSplit);
        s.wait.deadline = ctx.now.plus(StepContext.READ_BACK_WINDOW);
        s.rollback.writes++;
        return Next.goTo(Phase.VERIFY_ROLLBACK, "rolling back: " + target + " has " + health.healthy() + "/"
                + health.total() + " healthy targets; " + ctx.asked(s.plan.rollbackSplit));
    }

    private Next rollback(StepContext ctx) {
        return rollbackSlot(ctx, planRollback(ctx.state));
    }

    /** Decides where the rollback sends traffic, from the split read into the plan. */
    private static Slot planRollback(DeploymentState s) {
        Slot asked = ((RollbackRequest) s.request).slot();
        TrafficSplit before = s.plan.splitBefore;
        if (asked == null && before.blue() == before.green()) {
            // minority() would ask for the canary slot, but a rollback's slot is where traffic goes.
            throw new DeploymentFailure("Traffic is split evenly (" + before + "), so it is not clear which slot is"
                    + " the previous version: name the slot to roll back to (ecs-deploy rollback --to blue), or"
                    + " switch all traffic to one slot.");
        }
        Slot target = asked != null ? asked
                : before.soleSlot().map(Slot::other).orElseGet(() -> minority(before).other());
        s.plan.targetSlot = target;
        s.plan.stableSlot = target.other();
        s.plan.rollbackSplit = TrafficSplit.allTo(target);
        return target;
    }

    /** The careful path: reads both services, scales the target up or waits until it is ready. */
    private Next rollbackSlot(StepContext ctx, Slot target) {
        DeploymentState s = ctx.state;
        ServiceControl ecs = ctx.aws().services();
        Map<Slot, ServiceSnapshot> services = ecs.describeBoth();
        ServiceSnapshot targetService = services.get(target);
        ServiceSnapshot otherService = services.get(target.other());
        Map<Slot, String> images = images(ctx, services);
        record(s, images.get(target.other()), images.get(target));
        ExpectedImageCheck.require(((RollbackRequest) s.request).expectedImage(), target, s.record.toImage,
                "the slot to return to");
        if (s.plan.splitBefore.equals(s.plan.rollbackSplit)) {
            return Next.finish(Outcome.SUCCEEDED, "All traffic is already on " + target + "; nothing changed.");
        }
        s.plan.desiredCount = Math.max(1, Math.max(targetService.desiredCount(), otherService.desiredCount()));
        if (targetService.desiredCount() == 0) {
            return Next.goTo(Phase.SCALE_UP_TARGET, target + " was scaled down; scaling it back to "
                    + s.plan.desiredCount + " tasks before moving traffic");
        }
        s.wait.deadline = ctx.now.plus(ctx.readinessTimeout());
        return Next.goTo(Phase.WAIT_FOR_TARGET_READY, "rolling back to " + target + " (" + s.record.toImage
                + "); checking its targets are healthy first");
    }

    /**
     * The alarms that will judge the run must exist (a misspelt name would otherwise never fire) and must not be in
     * ALARM already: a run that starts under a firing alarm would be rolled back at its first check.
     */
    private static void requireAlarmsQuiet(StepContext ctx) {
        List<String> alarms = SlotWatch.alarmNames(ctx);
        if (alarms.isEmpty()) {
            return;
        }
        List<String> firing;
        try {
            firing = ctx.aws().metrics().alarmsInAlarm(alarms);
        } catch (AwsFailure e) {
            throw "ResourceNotFound".equals(e.errorCode()) ? missingAlarms(ctx, alarms, e) : e;
        }
        if (!firing.isEmpty()) {
            throw new DeploymentFailure("Alarm already in ALARM before the deployment: " + String.join(", ", firing)
                    + ". Fix what it reports, or wait until it is OK, then deploy.");
        }
    }

    /**
     * Names, for each alarm CloudWatch does not know, the setting it came from: the same name may be in the
     * health and the analysis sections, and the fix is in the file, not in AWS.
     */
    private static DeploymentFailure missingAlarms(StepContext ctx, List<String> alarms, AwsFailure e) {
        List<String> missing = alarms.stream().filter(a -> e.getMessage().contains("'" + a + "'")).toList();
        if (missing.isEmpty()) {
            return new DeploymentFailure(e.getMessage());
        }
        StringBuilder named = new StringBuilder();
        for (String alarm : missing) {
            List<String> settings = new java.util.ArrayList<>();
            if (ctx.config.health().alarms().contains(alarm)) {
                settings.add("health.alarms");
            }
            if (ctx.config.analysis().alarms().contains(alarm)) {
                settings.add("analysis.alarms");
            }
            named.append(named.length() == 0 ? "" : ", ").append('\'').append(alarm).append("' (")
                    .append(String.join(" and ", settings)).append(')');
        }
        return new DeploymentFailure("CloudWatch alarm" + (missing.size() == 1 ? " " : "s ") + named
                + (missing.size() == 1 ? " does" : " do") + " not exist in this account and region. Correct the"
                + " name in that setting of the environment file (names are case-sensitive; `aws cloudwatch"
                + " describe-alarms --query 'MetricAlarms[].AlarmName'` lists them), then deploy again.");
    }

    /**
     * A stage is judged on whole analysis intervals, each read {@link CanaryPhases#METRICS_DELAY} after it ends: a
     * stage shorter than one interval would silently last one anyway. Refused before the lock is taken.
     */
    private static void requireStageCoversAnInterval(StepContext ctx, Duration stage) {
        Duration interval = ctx.config.analysis().interval();
        if (stage != null && stage.compareTo(interval) < 0) {
            throw new DeploymentFailure("The canary stage duration, " + DurationText.format(stage) + ", is shorter"
                    + " than one analysis interval (analysis.interval: " + DurationText.format(interval) + "). A stage"
                    + " is judged on whole intervals, each read " + CanaryPhases.METRICS_DELAY.toSeconds() + " s after"
                    + " it ends, so the shortest stage is " + DurationText.format(interval) + " (about "
                    + DurationText.format(interval.plus(CanaryPhases.METRICS_DELAY)) + " of wall time). Set the stage"
                    + " duration (--stage-duration, stageDuration) to " + DurationText.format(interval) + " or more,"
                    + " or shorten analysis.interval (at least 1m).");
        }
    }

    /**
     * Behind DNS, a canary stage judges the traffic the new weights send, which reaches the canary only as resolvers'
     * caches expire: the records' TTL must be at most {@link #MAX_CANARY_CACHE} and shorter than a stage.
     */
    private static void requireShortCache(StepContext ctx, Duration stage) {
        Duration cache = ctx.clientCache();
        Duration limit = stage != null && stage.compareTo(MAX_CANARY_CACHE) < 0 ? stage : MAX_CANARY_CACHE;
        if (cache.compareTo(limit) > 0) {
            throw new DeploymentFailure("The records' TTL is " + cache.toSeconds() + " s, above the "
                    + limit.toSeconds() + " s a canary allows (at most " + MAX_CANARY_CACHE.toSeconds() + " s, and no"
                    + " longer than a stage): resolvers would keep sending traffic by the old weights through a whole"
                    + " stage. Lower the TTL of both weighted records (60 s is usual), wait the old TTL out, then run"
                    + " the canary.");
        }
    }

    /** Each slot's image, reading a task definition only when the run does not know it yet. */
    private static Map<Slot, String> images(StepContext ctx, Map<Slot, ServiceSnapshot> services) {
        Map<Slot, String> images = new EnumMap<>(Slot.class);
        services.forEach((slot, service) -> images.put(slot, KnownImages.imageOf(ctx, service.taskDefinitionArn())));
        return images;
    }

    private static void record(DeploymentState s, String fromImage, String toImage) {
        s.record.fromSlot = s.plan.stableSlot;
        s.record.toSlot = s.plan.targetSlot;
        s.record.fromImage = fromImage;
        s.record.toImage = toImage;
    }

    private static Slot minority(TrafficSplit split) {
        if (split.blue() == split.green()) {
            throw new DeploymentFailure("Traffic is split evenly (" + split + "), so the canary slot is ambiguous:"
                    + " name it (slot: 'green').");
        }
        return split.blue() < split.green() ? Slot.BLUE : Slot.GREEN;
    }

    private static void requireHealthy(StepContext ctx, Slot slot, String fix) {
        TargetHealthSummary health = ctx.aws().health().targetHealth(slot);
        if (!health.allHealthy(1)) {
            throw new DeploymentFailure(slot + " is not ready for traffic: " + health.healthy() + " of "
                    + health.total() + " registered targets are healthy. " + fix);
        }
    }
}
