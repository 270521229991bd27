package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.show;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Rules for canary analysis thresholds. */
final class AnalysisRules {

    /** ALB metrics have one-minute resolution; a shorter or ragged interval would read partial minutes. */
    static final Duration METRIC_PERIOD = Duration.ofSeconds(60);
    static final int MAX_LIMIT = 100;
    /** The metrics that {@code noDataPerMetric} may name, in the order the documentation lists them. */
    static final List<String> METRICS =
            List.of("errorRate", "p95", "p99", "healthyHosts", "relativeErrorRate", "relativeP99");

    private AnalysisRules() {
    }

    static void check(AnalysisConfig a, List<ConfigProblem> out) {
        if (a == null) {
            return;
        }
        Duration interval = a.interval();
        if (interval.compareTo(METRIC_PERIOD) < 0) {
            out.add(new ConfigProblem("analysis.interval", show(interval) + " is too short: at least 1m, the "
                    + "resolution of load balancer metrics"));
        } else if (interval.toMillis() % METRIC_PERIOD.toMillis() != 0 || interval.getNano() % 1_000_000 != 0) {
            out.add(new ConfigProblem("analysis.interval", show(interval) + " is not a whole number of minutes "
                    + "(load balancer metrics have one-minute resolution): use e.g. 1m, 2m or 5m"));
        }
        Double errorRate = a.maxErrorRatePercent();
        if (errorRate != null && !(errorRate > 0 && errorRate <= 100)) {
            out.add(new ConfigProblem("analysis.maxErrorRatePercent", show(errorRate) + " is out of range: use more "
                    + "than 0 and at most 100"));
        }
        boolean p95Valid = positive("analysis.maxP95Millis", a.maxP95Millis(), out);
        boolean p99Valid = positive("analysis.maxP99Millis", a.maxP99Millis(), out);
        if (p95Valid && p99Valid && a.maxP95Millis() > a.maxP99Millis()) {
            out.add(new ConfigProblem("analysis.maxP95Millis", show(a.maxP95Millis()) + " is above maxP99Millis ("
                    + show(a.maxP99Millis()) + "); the p95 limit must not exceed the p99 limit"));
        }
        if (a.minRequests() != null && a.minRequests() < 0) {
            out.add(new ConfigProblem("analysis.minRequests", a.minRequests() + " is negative: use 0 or more"));
        }
        limit("analysis.failureLimit", a.failureLimit(), out);
        limit("analysis.inconclusiveLimit", a.inconclusiveLimit(), out);
        Set<String> unknown = new TreeSet<>(a.noDataPerMetric().keySet());
        unknown.removeAll(METRICS);
        for (String metric : unknown) {
            out.add(new ConfigProblem("analysis.noDataPerMetric." + metric, "unknown metric "
                    + ValueRules.quote(metric) + ": use " + String.join(", ", METRICS)));
        }
        notNegative("analysis.maxErrorRateIncrease", a.maxErrorRateIncrease(), out);
        notNegative("analysis.maxLatencyIncreasePercent", a.maxLatencyIncreasePercent(), out);
        HealthRules.checkAlarms("analysis.alarms", a.alarms(), out);
    }

    /** @return whether the value is set and valid */
    private static boolean positive(String field, Double value, List<ConfigProblem> out) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            out.add(new ConfigProblem(field, show(value) + " is out of range: use a number of milliseconds more "
                    + "than 0"));
            return false;
        }
        return value != null;
    }

    private static void notNegative(String field, Double value, List<ConfigProblem> out) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            out.add(new ConfigProblem(field, show(value) + " is out of range: use 0 or more; leave it out to not "
                    + "compare with the stable slot"));
        }
    }

    private static void limit(String field, Integer value, List<ConfigProblem> out) {
        if (value != null && (value < 0 || value > MAX_LIMIT)) {
            out.add(new ConfigProblem(field, value + " is out of range: use 0.." + MAX_LIMIT));
        }
    }
}
