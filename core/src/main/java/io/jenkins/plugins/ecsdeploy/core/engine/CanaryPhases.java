package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.analysis.CanaryAnalyzer;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageJudge;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Canary stages: shift a share of traffic to the canary, verify the weights by reading them back, then analyse
 * CloudWatch metrics interval by interval until the stage passes or fails. A 100% stage is the promotion.
 */
final class CanaryPhases {

    /**
     * ALB publishes a minute's metrics about a minute later: an interval is analysed only once it is this old,
     * so that a quiet minute is not mistaken for missing data.
     */
    static final Duration METRICS_DELAY = Duration.ofSeconds(60);

    Next shift(StepContext ctx) {
        DeploymentState s = ctx.state;
        int percent = s.canaryStages().percents().get(s.canary.stageIndex);
        if (percent >= 100) {
            return Next.goTo(Phase.SWITCH_TRAFFIC, "last stage is 100%: promoting " + s.plan.targetSlot);
        }
        TrafficSplit split = TrafficSplit.withShare(s.plan.targetSlot, percent);
        ctx.applySplit(split);
        s.wait.deadline = ctx.now.plus(StepContext.READ_BACK_WINDOW);
        return Next.goTo(Phase.VERIFY_CANARY_SHIFT, "stage " + (s.canary.stageIndex + 1) + " of "
                + s.canaryStages().percents().size() + ": " + ctx.asked(split));
    }

    Next verifyShift(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (!ctx.splitReadsBack()) {
            return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
        }
        Duration duration = stageDuration(s);
        s.record.stages.add(new StageRecord(s.canary.stageIndex, s.traffic.wanted.percentOf(s.plan.targetSlot),
                ctx.now));
        // Behind DNS, resolvers keep the previous answer for the records' TTL: the analysis starts after it.
        Instant judged = ctx.now.plus(ctx.clientCache());
        s.canary.stageEndsAt = judged.plus(duration);
        s.canary.intervalStart = judged;
        return Next.goTo(Phase.ANALYSE_CANARY, "verified: " + s.traffic.wanted + ctx.cacheNote() + "; analysing"
                + (judged.equals(ctx.now) ? "" : " from " + judged.truncatedTo(ChronoUnit.SECONDS)) + " for "
                + DurationText.format(duration))
                .thenAt(nextWatch(ctx));
    }

    Next analyse(StepContext ctx) {
        DeploymentState s = ctx.state;
        AnalysisConfig cfg = ctx.config.analysis();
        Instant intervalEnd = s.canary.intervalStart.plus(cfg.interval());
        if (!ctx.splitUnchanged()) {
            return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL));
        }
        if (ctx.now.isBefore(intervalEnd.plus(METRICS_DELAY))) {
            // Between analyses the canary is watched like a bake: health and alarms at every poll.
            TargetHealthSummary health = watch(ctx);
            Instant analysis = intervalEnd.plus(METRICS_DELAY);
            ctx.progress("Canary stage " + (s.canary.stageIndex + 1) + " at " + currentStage(s).getPercent() + "%: "
                    + s.plan.targetSlot + " " + health.healthy() + "/" + health.total() + " targets healthy, no alarm;"
                    + (currentStage(s).getIntervals().isEmpty() ? " first" : " next") + " metrics analysed at "
                    + analysis.truncatedTo(ChronoUnit.SECONDS) + " (in " + Duration.between(ctx.now, analysis)
                    .toSeconds() + " s: the interval ends, then CloudWatch needs " + METRICS_DELAY.toSeconds()
                    + " s)");
            return Next.pollAt(nextWatch(ctx));
        }
        List<String> alarms = SlotWatch.alarmNames(ctx);
        List<String> firing = alarms.isEmpty() ? List.of() : ctx.aws().metrics().alarmsInAlarm(alarms);
        Map<Slot, IntervalMetrics> metrics = ctx.aws().metrics().fetch(s.canary.intervalStart, intervalEnd);
        IntervalResult result = CanaryAnalyzer.evaluate(cfg, metrics.get(s.plan.targetSlot),
                metrics.get(s.plan.stableSlot), firing, s.canary.intervalStart, intervalEnd);
        StageRecord stage = currentStage(s);
        stage.getIntervals().add(result);
        ctx.progress("Stage " + (s.canary.stageIndex + 1) + " interval " + stage.getIntervals().size() + ": "
                + result.summary());
        s.canary.intervalStart = intervalEnd;
        boolean timeUp = !s.canary.intervalStart.isBefore(s.canary.stageEndsAt);
        Verdict verdict = StageJudge.judge(cfg, stage.getIntervals(), timeUp);
        if (verdict == null) {
            return Next.pollAt(nextAnalysis(ctx));
        }
        if (verdict != Verdict.PASS) {
            String why = "Canary stage " + (s.canary.stageIndex + 1) + " at " + stage.getPercent() + "% ended "
                    + verdict + ": " + StageJudge.explain(cfg, stage.getIntervals());
            stage.end(ctx.now, verdict, why);
            throw new DeploymentFailure(why);
        }
        stage.end(ctx.now, Verdict.PASS, StageJudge.explain(cfg, stage.getIntervals()));
        s.canary.stageIndex++;
        if (s.canary.stageIndex < s.canaryStages().percents().size()) {
            return Next.goTo(Phase.SHIFT_CANARY, "stage at " + stage.getPercent() + "% passed");
        }
        return Next.finish(Outcome.SUCCEEDED, "Canary " + s.plan.targetSlot + " passed every stage and now receives "
                + stage.getPercent() + "% of traffic; promote it with a switch to " + s.plan.targetSlot + ".");
    }

    /** Reads the canary's health and the alarms; a breach ends the stage FAILED at once. */
    private static TargetHealthSummary watch(StepContext ctx) {
        DeploymentState s = ctx.state;
        StageRecord stage = currentStage(s);
        String during = "canary stage " + (s.canary.stageIndex + 1) + " at " + stage.getPercent() + "%";
        try {
            return SlotWatch.require(ctx, s.plan.targetSlot, during);
        } catch (DeploymentFailure breach) {
            stage.end(ctx.now, Verdict.FAIL, breach.getMessage());
            throw breach;
        }
    }

    /** The next poll, but no later than the next analysis. */
    private static Instant nextWatch(StepContext ctx) {
        Instant analysis = nextAnalysis(ctx);
        Instant poll = ctx.nextPoll();
        return poll.isBefore(analysis) ? poll : analysis;
    }

    private static Instant nextAnalysis(StepContext ctx) {
        DeploymentState s = ctx.state;
        return s.canary.intervalStart.plus(ctx.config.analysis().interval()).plus(METRICS_DELAY);
    }

    private static StageRecord currentStage(DeploymentState s) {
        return s.record.stages.get(s.record.stages.size() - 1);
    }

    private static Duration stageDuration(DeploymentState s) {
        Duration d = s.canaryStages().stageDuration();
        if (d == null) {
            throw new DeploymentFailure("Canary stages need a stage duration (for example 5m).");
        }
        return d;
    }
}
