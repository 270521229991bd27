package io.jenkins.plugins.ecsdeploy.core.aws;

import java.util.List;

/**
 * The ALB target-group metrics a canary is judged on: the CloudWatch metric and statistic behind each load balancer
 * field of {@link io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics}, and how several data points in one
 * interval combine. Combining percentiles by their maximum is conservative: the worst minute counts.
 */
enum CloudWatchMetricsSeries {
    REQUESTS("requests", "RequestCount", "Sum", Combine.SUM, 1),
    ERRORS_5XX("errors5xx", "HTTPCode_Target_5XX_Count", "Sum", Combine.SUM, 1),
    P50("p50", "TargetResponseTime", "p50", Combine.MAX, 1000),
    P95("p95", "TargetResponseTime", "p95", Combine.MAX, 1000),
    P99("p99", "TargetResponseTime", "p99", Combine.MAX, 1000),
    HEALTHY("healthy", "HealthyHostCount", "Minimum", Combine.MIN, 1),
    UNHEALTHY("unhealthy", "UnHealthyHostCount", "Maximum", Combine.MAX, 1);

    enum Combine {
        SUM,
        MAX,
        MIN;

        /** The combined data points, or null when there are none: no data is not zero. */
        Double of(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            double acc = this == SUM ? 0 : values.get(0);
            for (double v : values) {
                acc = switch (this) {
                    case SUM -> acc + v;
                    case MAX -> Math.max(acc, v);
                    case MIN -> Math.min(acc, v);
                };
            }
            return acc;
        }
    }

    final String idSuffix;
    final String metricName;
    final String stat;
    final Combine combine;
    /** TargetResponseTime is in seconds; the analysis speaks milliseconds. */
    final double scale;

    CloudWatchMetricsSeries(String idSuffix, String metricName, String stat, Combine combine, double scale) {
        this.idSuffix = idSuffix;
        this.metricName = metricName;
        this.stat = stat;
        this.combine = combine;
        this.scale = scale;
    }

    /** The combined, scaled value of the data points, or null when there are none. */
    Double combine(List<Double> values) {
        Double v = combine.of(values);
        return v == null ? null : v * scale;
    }
}
