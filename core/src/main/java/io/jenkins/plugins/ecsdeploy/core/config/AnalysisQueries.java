package io.jenkins.plugins.ecsdeploy.core.config;

/**
 * How many GetMetricData queries one analysis interval takes, for both slots. Every metric of an interval is read in
 * one call, and one call takes at most {@link #MAX} queries, so a configuration that needs more is refused.
 */
public final class AnalysisQueries {

    /** The most queries one GetMetricData call takes. */
    public static final int MAX = 500;
    /**
     * The load balancer series read for each slot in every interval: requests, 5xx, p50, p95, p99, healthy and
     * unhealthy targets.
     */
    public static final int ALB_PER_SLOT = 7;

    private AnalysisQueries() {
    }

    /** The queries of one interval: per slot, the ALB series, the ECS utilization checked, and each custom metric. */
    public static int perInterval(AnalysisConfig a) {
        int perSlot = ALB_PER_SLOT + (a.checksCpu() ? 1 : 0) + (a.checksMemory() ? 1 : 0);
        for (CustomMetricConfig c : a.customMetrics()) {
            perSlot += c.expression() == null ? 1 : 1 + c.metrics().size();
        }
        return 2 * perSlot;
    }
}
