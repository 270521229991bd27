package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage's reason adds about metrics that did not decide it: the warnings, and what each dry-run metric
 * would have done to the stage had it counted.
 */
final class StageNotes {

    private StageNotes() {
    }

    /** {@code "; warnings: p99 in 2 of 3 intervals; dry-run cpu: ..."}, or nothing. */
    static String of(AnalysisConfig cfg, List<IntervalResult> intervals) {
        Map<String, int[]> warned = new LinkedHashMap<>();
        Map<String, int[]> dryRuns = new LinkedHashMap<>();
        for (IntervalResult interval : intervals) {
            for (MetricVerdict m : interval.metrics()) {
                if (m.dryRun()) {
                    int[] n = dryRuns.computeIfAbsent(m.metric(), k -> new int[2]);
                    n[0] += m.verdict() == Verdict.FAIL ? 1 : 0;
                    n[1] += m.verdict() == Verdict.INCONCLUSIVE ? 1 : 0;
                } else if (m.warned()) {
                    warned.computeIfAbsent(m.metric(), k -> new int[1])[0]++;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        int total = intervals.size();
        if (!warned.isEmpty()) {
            List<String> each = new ArrayList<>();
            warned.forEach((metric, n) -> each.add(metric + " in " + n[0] + " of " + total + " intervals"));
            parts.add("warnings: " + String.join(", ", each));
        }
        dryRuns.forEach((metric, n) -> parts.add("dry-run " + metric + ": " + wouldHave(cfg, n[0], n[1], total)));
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    private static String wouldHave(AnalysisConfig cfg, int failed, int inconclusive, int total) {
        if (failed == 0 && inconclusive == 0) {
            return "passed all " + total + " intervals";
        }
        String counts = failed + " of " + total + " intervals would have failed"
                + (inconclusive == 0 ? "" : ", " + inconclusive + " been inconclusive");
        boolean stageFails = failed > cfg.failureLimit() || inconclusive > cfg.inconclusiveLimit();
        return counts + (stageFails ? ", which would have failed the stage" : ", within the stage's limits");
    }
}
