package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metric verdicts of one interval as they are reached, and the one-line summary a person reads: failures
 * first, then what was inconclusive, then what passed, each reason said once.
 */
final class IntervalFindings {

    private final AnalysisConfig cfg;
    private final List<MetricVerdict> verdicts = new ArrayList<>();
    private final Map<Verdict, Set<String>> reasons = new LinkedHashMap<>();
    /** Why the canary's traffic is unproven, so that a no-data PASS may not stand for a traffic metric; or null. */
    private String unprovenTraffic;

    IntervalFindings(AnalysisConfig cfg) {
        this.cfg = cfg;
        for (Verdict v : List.of(Verdict.FAIL, Verdict.INCONCLUSIVE, Verdict.PASS)) {
            reasons.put(v, new LinkedHashSet<>());
        }
    }

    void add(MetricVerdict v) {
        add(v, v.note());
    }

    /** A metric that could not be judged on this traffic; the reason is shared by all such metrics. */
    void notJudged(String metric, String reason, Double stable, Double threshold) {
        add(new MetricVerdict(metric, null, stable, threshold, Verdict.INCONCLUSIVE,
                metric + " not judged: " + reason), reason);
    }

    /**
     * A metric without data, judged by its no-data policy. An invalid value (NaN, infinite) never passes: the
     * policy is meant for quiet metrics, not for broken ones.
     */
    void noData(String metric, String label, boolean invalid, Double canary, Double stable, Double threshold) {
        NoDataPolicy policy = cfg.noDataFor(metric);
        Verdict verdict = Verdict.valueOf(policy.name());
        String note;
        if (invalid && verdict == Verdict.PASS) {
            verdict = Verdict.INCONCLUSIVE;
            note = label + " is not a number → INCONCLUSIVE (noData PASS does not cover invalid values)";
        } else if (verdict == Verdict.PASS && unprovenTraffic != null && !"healthyHosts".equals(metric)) {
            verdict = Verdict.INCONCLUSIVE;
            note = label + " no data → INCONCLUSIVE (" + unprovenTraffic + ")";
        } else {
            note = label + (invalid ? " is not a number" : " no data") + " → " + verdict + " (noData policy)";
        }
        add(new MetricVerdict(metric, canary, stable, threshold, verdict, note));
    }

    /**
     * The canary has no request count while a minimum is set: ALB publishes none when no request arrived, so a
     * no-data PASS must not stand for the traffic metrics, any more than a handful of requests would.
     */
    void unprovenTraffic(String reason) {
        unprovenTraffic = reason;
    }

    Verdict verdict() {
        if (!reasons.get(Verdict.FAIL).isEmpty()) {
            return Verdict.FAIL;
        }
        return reasons.get(Verdict.INCONCLUSIVE).isEmpty() ? Verdict.PASS : Verdict.INCONCLUSIVE;
    }

    List<MetricVerdict> verdicts() {
        return verdicts;
    }

    String summary() {
        List<String> parts = new ArrayList<>();
        reasons.values().forEach(parts::addAll);
        return verdict() + ": " + String.join("; ", parts);
    }

    private void add(MetricVerdict v, String reason) {
        verdicts.add(v);
        reasons.get(v.verdict()).add(reason);
    }
}
