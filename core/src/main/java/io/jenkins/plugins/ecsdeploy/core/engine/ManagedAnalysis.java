package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.analysis.CanaryAnalyzer;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageJudge;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The project's canary analysis on top of a shift that AWS runs: while AWS holds a share of production traffic on
 * the new slot, every interval is judged against the stable slot (the original task set's target group) like a
 * canary stage of the engine's own, and the health and alarms are read at every poll. Each share AWS holds is one
 * stage of the record; a failed stage throws, which stops the deployment with rollback. AWS decides how long a share
 * is held, so a stage ends when the share changes: PASS when an interval passed, else INCONCLUSIVE.
 */
final class ManagedAnalysis {

    private ManagedAnalysis() {
    }

    /**
     * Watches (and analyses) the new slot at {@code share} percent of production traffic.
     *
     * @return when to poll again
     * @throws DeploymentFailure when the slot is unhealthy, an alarm fires, or the stage fails its analysis
     */
    static Instant step(StepContext ctx, int share) {
        DeploymentState s = ctx.state;
        if (share != s.managed.share) {
            close(ctx);
            if (share > 0 && share < 100) {
                s.record.stages.add(new StageRecord(s.record.stages.size(), share, ctx.now));
                s.managed.share = share;
                s.managed.intervalStart = ctx.now;
            }
        }
        if (s.managed.share == 0) {
            if (share > 0) {
                SlotWatch.require(ctx, s.plan.targetSlot, "the shift to " + s.plan.targetSlot);
            }
            return ctx.nextPoll();
        }
        StageRecord stage = current(s);
        AnalysisConfig cfg = ctx.config.analysis();
        Instant intervalEnd = s.managed.intervalStart.plus(cfg.interval());
        Instant due = intervalEnd.plus(CanaryPhases.METRICS_DELAY);
        if (ctx.now.isBefore(due)) {
            try {
                SlotWatch.require(ctx, s.plan.targetSlot, "the canary at " + share + "%");
            } catch (DeploymentFailure breach) {
                stage.end(ctx.now, Verdict.FAIL, breach.getMessage());
                throw breach;
            }
            Instant poll = ctx.nextPoll();
            return poll.isBefore(due) ? poll : due;
        }
        List<String> alarms = SlotWatch.alarmNames(ctx);
        List<String> firing = alarms.isEmpty() ? List.of() : ctx.aws().metrics().alarmsInAlarm(alarms);
        Map<Slot, IntervalMetrics> metrics = ctx.aws().metrics().fetch(s.managed.intervalStart, intervalEnd);
        IntervalResult result = CanaryAnalyzer.evaluate(cfg, metrics.get(s.plan.targetSlot),
                metrics.get(s.plan.stableSlot), firing, s.managed.intervalStart, intervalEnd);
        stage.getIntervals().add(result);
        ctx.progress("Canary at " + share + "% (held by AWS), interval " + stage.getIntervals().size() + ": "
                + result.summary());
        s.managed.intervalStart = intervalEnd;
        if (StageJudge.judge(cfg, stage.getIntervals(), false) == Verdict.FAIL) {
            String why = "Canary at " + share + "% failed its analysis: " + StageJudge.explain(cfg,
                    stage.getIntervals());
            stage.end(ctx.now, Verdict.FAIL, why);
            throw new DeploymentFailure(why);
        }
        Instant poll = ctx.nextPoll();
        Instant nextDue = s.managed.intervalStart.plus(cfg.interval()).plus(CanaryPhases.METRICS_DELAY);
        return poll.isBefore(nextDue) ? poll : nextDue;
    }

    /** Ends the open stage, if any, because AWS moved on from its share. */
    static void close(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (s.managed.share == 0) {
            return;
        }
        StageRecord stage = current(s);
        if (stage.getEndedAt() == null) {
            Verdict verdict = StageJudge.judge(ctx.config.analysis(), stage.getIntervals(), true);
            stage.end(ctx.now, verdict, "AWS moved on from " + s.managed.share + "%: "
                    + StageJudge.explain(ctx.config.analysis(), stage.getIntervals()));
        }
        s.managed.share = 0;
        s.managed.intervalStart = null;
    }

    private static StageRecord current(DeploymentState s) {
        return s.record.stages.get(s.record.stages.size() - 1);
    }
}
