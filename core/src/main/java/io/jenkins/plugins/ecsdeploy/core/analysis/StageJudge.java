package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import java.util.List;

/**
 * Decides a canary stage from its intervals so far. A stage fails as soon as it has more failed intervals than
 * {@code failureLimit} or more inconclusive ones than {@code inconclusiveLimit}. It passes only when its time is
 * up and at least one interval passed; a stage that ran out of time on inconclusive intervals alone ends
 * INCONCLUSIVE, because a canary never advances without evidence. Pure: no clock, no AWS.
 */
public final class StageJudge {

    private StageJudge() {
    }

    /**
     * @param soFar the stage's intervals, oldest first
     * @param stageTimeUp whether the stage's duration has been analysed in full
     * @return FAIL, PASS or INCONCLUSIVE once the stage is decided; null to keep analysing
     */
    public static Verdict judge(AnalysisConfig cfg, List<IntervalResult> soFar, boolean stageTimeUp) {
        Counts n = Counts.of(soFar);
        if (n.failed > cfg.failureLimit() || n.inconclusive > cfg.inconclusiveLimit()) {
            return Verdict.FAIL;
        }
        if (!stageTimeUp) {
            return null;
        }
        return n.passed > 0 ? Verdict.PASS : Verdict.INCONCLUSIVE;
    }

    /**
     * Why the stage stands where it does, with the counts and limits, and the interval that decided it; then the
     * warnings, and what the dry-run metrics would have done.
     */
    public static String explain(AnalysisConfig cfg, List<IntervalResult> soFar) {
        return decision(cfg, soFar) + StageNotes.of(cfg, soFar);
    }

    private static String decision(AnalysisConfig cfg, List<IntervalResult> soFar) {
        Counts n = Counts.of(soFar);
        if (n.failed > cfg.failureLimit()) {
            return n.failed + " failed interval" + plural(n.failed) + " > limit " + cfg.failureLimit()
                    + "; last failure: " + last(soFar, Verdict.FAIL);
        }
        if (n.inconclusive > cfg.inconclusiveLimit()) {
            return n.inconclusive + " inconclusive interval" + plural(n.inconclusive) + " > limit "
                    + cfg.inconclusiveLimit() + ", not enough evidence; last: " + last(soFar, Verdict.INCONCLUSIVE);
        }
        if (soFar.isEmpty()) {
            return "no interval analysed yet";
        }
        String counts = n.passed + " of " + soFar.size() + " interval" + plural(soFar.size()) + " passed, "
                + n.inconclusive + " inconclusive (limit " + cfg.inconclusiveLimit() + "), " + n.failed
                + " failed (limit " + cfg.failureLimit() + ")";
        if (n.passed == 0) {
            return "no interval passed, a canary never advances without evidence: " + counts + "; last: "
                    + last(soFar, Verdict.INCONCLUSIVE);
        }
        return counts;
    }

    private static String last(List<IntervalResult> soFar, Verdict wanted) {
        for (int i = soFar.size() - 1; i >= 0; i--) {
            if (soFar.get(i).verdict() == wanted) {
                return soFar.get(i).summary();
            }
        }
        return "none";
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private record Counts(int passed, int failed, int inconclusive) {

        static Counts of(List<IntervalResult> intervals) {
            int passed = 0;
            int failed = 0;
            int inconclusive = 0;
            for (IntervalResult r : intervals) {
                switch (r.verdict()) {
                    case PASS -> passed++;
                    case FAIL -> failed++;
                    case INCONCLUSIVE -> inconclusive++;
                }
            }
            return new Counts(passed, failed, inconclusive);
        }
    }
}
