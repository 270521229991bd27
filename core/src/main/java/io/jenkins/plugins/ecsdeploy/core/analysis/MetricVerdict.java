package io.jenkins.plugins.ecsdeploy.core.analysis;

/**
 * One metric's check in one interval: the canary's and the stable slot's values, the limit it was held to.
 *
 * @param metric errorRate, p95, p99, healthyHosts, relativeErrorRate, relativeP99, or alarm:NAME
 * @param canary the canary's value, or null without data
 * @param stable the stable slot's value over the same interval, or null without data
 * @param threshold the limit the canary value was compared with, or null
 * @param verdict the outcome
 * @param note why, in words, e.g. "p99 1420 ms > 1000 ms"
 */
public record MetricVerdict(String metric, Double canary, Double stable, Double threshold, Verdict verdict,
        String note) {
}
