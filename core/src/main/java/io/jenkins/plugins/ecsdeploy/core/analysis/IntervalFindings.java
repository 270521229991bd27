package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric verdicts of one interval as they are reached, and the one-line summary a person reads: failures
 * first, then what was inconclusive, then warnings, then what passed, and last the dry-run metrics, which do not
 * count; each reason said once.
 */
final class IntervalFindings {

    private final AnalysisConfig cfg;
    private final List<MetricVerdict> verdicts = new ArrayList<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private final Set<String> inconclusive = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> passed = new LinkedHashSet<>();
    private final Set<String> dryRuns = new LinkedHashSet<>();
    /** Why the canary's traffic is unproven, so that a no-data PASS may not stand for a traffic metric; or null. */
    private String unprovenTraffic;

    IntervalFindings(AnalysisConfig cfg) {
        this.cfg = cfg;
    }

    void add(MetricVerdict v) {
        add(v, v.note());
    }

    /** A metric that could not be judged on this traffic; the reason is shared by all such metrics. */
    void notJudged(Levels l, String reason, Double stable, Double threshold, Double warnThreshold) {
        add(new MetricVerdict(l.metric(), null, stable, threshold, Verdict.INCONCLUSIVE,
                l.metric() + " not judged: " + reason, warnThreshold, false, false, l.unit()), reason);
    }

    /**
     * A metric without data, judged by its no-data policy. An invalid value (NaN, infinite) never passes: the
     * policy is meant for quiet metrics, not for broken ones.
     */
    void noData(Levels l, String label, boolean invalid, Double canary, Double stable, Double threshold,
            Double warnThreshold) {
        NoDataPolicy policy = cfg.noDataFor(l.metric());
        Verdict verdict = Verdict.valueOf(policy.name());
        String note;
        if (invalid && verdict == Verdict.PASS) {
            verdict = Verdict.INCONCLUSIVE;
            note = label + " is not a number → INCONCLUSIVE (noData PASS does not cover invalid values)";
        } else if (verdict == Verdict.PASS && unprovenTraffic != null && l.traffic()) {
            verdict = Verdict.INCONCLUSIVE;
            note = label + " no data → INCONCLUSIVE (" + unprovenTraffic + ")";
        } else {
            note = label + (invalid ? " is not a number" : " no data") + " → " + verdict + " (noData policy)";
        }
        add(new MetricVerdict(l.metric(), canary, stable, threshold, verdict, note, warnThreshold, false, false,
                l.unit()));
    }

    /**
     * The canary has no request count while a minimum is set: ALB publishes none when no request arrived, so a
     * no-data PASS must not stand for the traffic metrics, any more than a handful of requests would.
     */
    void unprovenTraffic(String reason) {
        unprovenTraffic = reason;
    }

    Verdict verdict() {
        if (!failed.isEmpty()) {
            return Verdict.FAIL;
        }
        return inconclusive.isEmpty() ? Verdict.PASS : Verdict.INCONCLUSIVE;
    }

    List<MetricVerdict> verdicts() {
        return verdicts;
    }

    String summary() {
        List<String> parts = new ArrayList<>();
        for (Set<String> group : List.of(failed, inconclusive, warnings, passed, dryRuns)) {
            parts.addAll(group);
        }
        return verdict() + ": " + String.join("; ", parts);
    }

    /** Records the verdict, as a dry run if the metric is one, under the reason it gives. */
    private void add(MetricVerdict v, String reason) {
        if (cfg.isDryRun(v.metric())) {
            verdicts.add(v.asDryRun());
            dryRuns.add(v.dryRunNote(reason));
            return;
        }
        verdicts.add(v);
        switch (v.verdict()) {
            case FAIL -> failed.add(reason);
            case INCONCLUSIVE -> inconclusive.add(reason);
            case PASS -> (v.warned() ? warnings : passed).add(reason);
        }
    }
}
