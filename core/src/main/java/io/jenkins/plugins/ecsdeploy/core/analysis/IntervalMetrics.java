package io.jenkins.plugins.ecsdeploy.core.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One slot's metrics over one analysis interval. A null field, or a custom metric missing from {@code custom},
 * means CloudWatch returned no data point for it.
 *
 * @param requests RequestCount (sum)
 * @param errors5xx HTTPCode_Target_5XX_Count (sum)
 * @param p95Millis TargetResponseTime p95, in milliseconds
 * @param p99Millis TargetResponseTime p99, in milliseconds
 * @param healthyHosts HealthyHostCount (minimum)
 * @param unhealthyHosts UnHealthyHostCount (maximum)
 * @param p50Millis TargetResponseTime p50, in milliseconds
 * @param cpuPercent the slot's ECS service CPUUtilization (AWS/ECS, average), in percent
 * @param memoryPercent the slot's ECS service MemoryUtilization, in percent
 * @param custom the custom metrics' values by name
 */
public record IntervalMetrics(
        Double requests, Double errors5xx, Double p95Millis, Double p99Millis, Double healthyHosts,
        Double unhealthyHosts, Double p50Millis, Double cpuPercent, Double memoryPercent, Map<String, Double> custom) {

    public IntervalMetrics {
        custom = custom == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(custom));
    }

    /** The load balancer's metrics alone, as they were all there was before p50, CPU, memory and custom metrics. */
    public IntervalMetrics(Double requests, Double errors5xx, Double p95Millis, Double p99Millis, Double healthyHosts,
            Double unhealthyHosts) {
        this(requests, errors5xx, p95Millis, p99Millis, healthyHosts, unhealthyHosts, null, null, null, null);
    }

    /** 5xx per request in percent; null without requests data. No 5xx data with requests counts as 0 errors. */
    public Double errorRatePercent() {
        if (requests == null || requests <= 0) {
            return null;
        }
        double e = errors5xx == null ? 0 : errors5xx;
        return 100.0 * e / requests;
    }
}
