package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch metric and statistic, as a custom metric reads it for each slot. Dimension values may hold
 * placeholders ({@link MetricPlaceholders}) that are filled in per slot, so that one definition reads the canary's
 * series and the stable slot's.
 *
 * @param namespace the metric's namespace, e.g. {@code Shop} or {@code AWS/SQS}
 * @param metricName the metric's name
 * @param statistic a CloudWatch statistic: Sum, Average, Minimum, Maximum, SampleCount, or a percentile such as
 *     p99 or p99.9 (case-sensitive, as CloudWatch takes them)
 * @param unit the unit the metric is published in, to read only data in that unit; null for any
 * @param dimensions the metric's dimensions, in order; exactly these, as CloudWatch matches them
 */
public record MetricStatConfig(String namespace, String metricName, String statistic, String unit,
        Map<String, String> dimensions) {

    public MetricStatConfig {
        dimensions = dimensions == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(dimensions));
    }
}
