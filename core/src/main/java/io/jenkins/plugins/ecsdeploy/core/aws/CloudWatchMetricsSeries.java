package io.jenkins.plugins.ecsdeploy.core.aws;

import java.util.List;

/**
 * The traffic metrics a canary is judged on: the CloudWatch metric and statistic behind each traffic field of
 * {@link io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics}, as an ALB and as App Runner name it, and how
 * several data points in one interval combine. Combining percentiles by their maximum is conservative: the worst
 * minute counts. App Runner publishes no target health: its slots read no host series (see
 * {@link AppRunnerMetrics}).
 */
enum CloudWatchMetricsSeries {
    REQUESTS("requests", "RequestCount", "Requests", "Sum", Combine.SUM, false),
    ERRORS_5XX("errors5xx", "HTTPCode_Target_5XX_Count", "5xxStatusResponses", "Sum", Combine.SUM, false),
    P50("p50", "TargetResponseTime", "RequestLatency", "p50", Combine.MAX, true),
    P95("p95", "TargetResponseTime", "RequestLatency", "p95", Combine.MAX, true),
    P99("p99", "TargetResponseTime", "RequestLatency", "p99", Combine.MAX, true),
    HEALTHY("healthy", "HealthyHostCount", null, "Minimum", Combine.MIN, false),
    UNHEALTHY("unhealthy", "UnHealthyHostCount", null, "Maximum", Combine.MAX, false);

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
    private final String albName;
    private final String appRunnerName;
    final String stat;
    final Combine combine;
    private final boolean latency;

    CloudWatchMetricsSeries(String idSuffix, String albName, String appRunnerName, String stat, Combine combine,
            boolean latency) {
        this.idSuffix = idSuffix;
        this.albName = albName;
        this.appRunnerName = appRunnerName;
        this.stat = stat;
        this.combine = combine;
        this.latency = latency;
    }

    /** The metric's name in {@code source}'s namespace, or null when that source does not publish it. */
    String metricName(TrafficMetricsSource source) {
        return source == TrafficMetricsSource.ALB ? albName : appRunnerName;
    }

    /** The combined value of the data points, latencies in milliseconds, or null when there are none. */
    Double combine(List<Double> values, TrafficMetricsSource source) {
        Double v = combine.of(values);
        if (v == null || !latency) {
            return v;
        }
        return v * source.latencyToMillis;
    }
}
