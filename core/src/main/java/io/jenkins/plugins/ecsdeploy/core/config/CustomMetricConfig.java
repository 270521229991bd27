package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A team's own metric judged at every canary interval: one CloudWatch metric, or a metric math expression over
 * several, read for the canary and the stable slot, with the levels at which it warns and fails.
 *
 * @param name how the metric is called in records, logs and charts; also its GetMetricData query id
 * @param metric the metric to read, when it is a single one
 * @param expression a CloudWatch metric math expression over {@code metrics}, e.g. {@code 100 * errors / requests}
 * @param metrics the expression's inputs by the id it uses for them
 * @param direction whether values above or below the levels are bad
 * @param fail the value beyond which an interval fails
 * @param warn the value beyond which an interval records a warning (and does not fail)
 * @param relativeFailPercent fail when the canary is worse than the stable slot by more than this percent
 * @param relativeWarnPercent warn when the canary is worse than the stable slot by more than this percent
 * @param noData what missing data means for this metric; null for {@code analysis.noData}
 * @param dryRun measure, record and chart the metric, but never let it decide an interval
 */
public record CustomMetricConfig(
        String name,
        MetricStatConfig metric,
        String expression,
        Map<String, MetricStatConfig> metrics,
        Direction direction,
        Double fail,
        Double warn,
        Double relativeFailPercent,
        Double relativeWarnPercent,
        NoDataPolicy noData,
        Boolean dryRun) {

    public CustomMetricConfig {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Whether an absolute level is set, so that the canary's value is judged on its own. */
    public boolean checksValue() {
        return fail != null || warn != null;
    }

    /** Whether a relative level is set, so that the canary is compared with the stable slot. */
    public boolean checksRelative() {
        return relativeFailPercent != null || relativeWarnPercent != null;
    }

    /** Named so that it is no bean getter, which YAML export would write as a second dryRun. */
    public boolean dryRunEnabled() {
        return Boolean.TRUE.equals(dryRun);
    }
}
