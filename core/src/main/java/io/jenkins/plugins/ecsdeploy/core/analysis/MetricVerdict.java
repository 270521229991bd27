package io.jenkins.plugins.ecsdeploy.core.analysis;

/**
 * One metric's check in one interval: the canary's and the stable slot's values, the levels it was held to.
 *
 * @param metric errorRate, p50, p95, p99, healthyHosts, relativeErrorRate, relativeP50, relativeP95, relativeP99,
 *     cpu, memory, relativeCpu, relativeMemory, a custom metric's name or {@code relative:NAME}, or alarm:NAME
 * @param canary the canary's value, or null without data
 * @param stable the stable slot's value over the same interval, or null without data
 * @param threshold the fail limit the canary value was compared with (for a relative check, the stable value with
 *     the margin applied), or null when the metric has no fail level
 * @param verdict the outcome; for a dry-run metric, the outcome it would have had
 * @param note why, in words, e.g. "p99 1420 ms > 1000 ms"
 * @param warnThreshold the warn limit, computed like {@code threshold}, or null when the metric has no warn level
 * @param warned the value passed the fail limit but not the warn limit: recorded and shown, never failing
 * @param dryRun the metric is measured and recorded only: it did not count towards the interval's verdict
 * @param unit how the values read: {@code ms}, {@code %}, a CloudWatch unit, or null for a plain number
 */
public record MetricVerdict(String metric, Double canary, Double stable, Double threshold, Verdict verdict,
        String note, Double warnThreshold, boolean warned, boolean dryRun, String unit) {

    /** A verdict without warn level, dry run or unit, as every verdict was before those existed. */
    public MetricVerdict(String metric, Double canary, Double stable, Double threshold, Verdict verdict,
            String note) {
        this(metric, canary, stable, threshold, verdict, note, null, false, false, null);
    }

    /** Whether this verdict decides the interval: a dry-run one never does. */
    public boolean counts() {
        return !dryRun;
    }

    /** The same check, recorded as a dry run with a note that says what it would have decided. */
    MetricVerdict asDryRun() {
        return new MetricVerdict(metric, canary, stable, threshold, verdict, dryRunNote(note), warnThreshold, warned,
                true, unit);
    }

    /** A reason given by this verdict, said as a dry run's: what it would have decided, then why. */
    String dryRunNote(String reason) {
        return "dry-run (would " + verdict + (warned ? ", with a warning" : "") + "): " + reason;
    }
}
