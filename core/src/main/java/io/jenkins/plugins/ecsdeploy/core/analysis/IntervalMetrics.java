package io.jenkins.plugins.ecsdeploy.core.analysis;

/**
 * One slot's ALB metrics over one analysis interval. A null field means CloudWatch returned no data point for it.
 *
 * @param requests RequestCount (sum)
 * @param errors5xx HTTPCode_Target_5XX_Count (sum)
 * @param p95Millis TargetResponseTime p95, in milliseconds
 * @param p99Millis TargetResponseTime p99, in milliseconds
 * @param healthyHosts HealthyHostCount (minimum)
 * @param unhealthyHosts UnHealthyHostCount (maximum)
 */
public record IntervalMetrics(
        Double requests, Double errors5xx, Double p95Millis, Double p99Millis, Double healthyHosts,
        Double unhealthyHosts) {

    /** 5xx per request in percent; null without requests data. No 5xx data with requests counts as 0 errors. */
    public Double errorRatePercent() {
        if (requests == null || requests <= 0) {
            return null;
        }
        double e = errors5xx == null ? 0 : errors5xx;
        return 100.0 * e / requests;
    }
}
