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
        for (String metric : AnalysisConfig.METRICS) {
            Double level = a.failLevel(metric);
            String problem = level == null ? null : LevelRules.rangeProblem(metric, level);
            if (problem != null) {
                out.add(new ConfigProblem("analysis." + AnalysisConfig.failSetting(metric), problem));
            }
        }
        percentilesInOrder(a, out);
        if (a.minRequests() != null && a.minRequests() < 0) {
            out.add(new ConfigProblem("analysis.minRequests", a.minRequests() + " is negative: use 0 or more"));
        }
        limit("analysis.failureLimit", a.failureLimit(), out);
        limit("analysis.inconclusiveLimit", a.inconclusiveLimit(), out);
        Set<String> unknown = new TreeSet<>(a.noDataPerMetric().keySet());
        unknown.removeAll(AnalysisConfig.METRICS);
        for (String metric : unknown) {
            out.add(new ConfigProblem("analysis.noDataPerMetric." + metric, "unknown metric "
                    + ValueRules.quote(metric) + ": use " + String.join(", ", AnalysisConfig.METRICS)));
        }
        HealthRules.checkAlarms("analysis.alarms", a.alarms(), out);
        LevelRules.check(a, out);
        CustomMetricRules.check(a.customMetrics(), out);
        int queries = AnalysisQueries.perInterval(a);
        if (queries > AnalysisQueries.MAX) {
            out.add(new ConfigProblem(a.customMetrics().isEmpty() ? "analysis" : "analysis.customMetrics", queries
                    + " GetMetricData queries per interval (both slots), more than the " + AnalysisQueries.MAX
                    + " one call takes: remove custom metrics or expression inputs"));
        }
    }

    /** A lower percentile's limit above a higher one's could never be the one that fails. */
    private static void percentilesInOrder(AnalysisConfig a, List<ConfigProblem> out) {
        List<String> order = List.of("p50", "p95", "p99");
        for (int i = 0; i < order.size(); i++) {
            Double lower = a.failLevel(order.get(i));
            for (int j = i + 1; j < order.size() && lower != null && lower > 0; j++) {
                Double higher = a.failLevel(order.get(j));
                if (higher != null && higher > 0 && lower > higher) {
                    out.add(new ConfigProblem("analysis." + AnalysisConfig.failSetting(order.get(i)), show(lower)
                            + " is above " + AnalysisConfig.failSetting(order.get(j)) + " (" + show(higher) + "); the "
                            + order.get(i) + " limit must not exceed the " + order.get(j) + " limit"));
                    return;
                }
            }
        }
    }

    private static void limit(String field, Integer value, List<ConfigProblem> out) {
        if (value != null && (value < 0 || value > MAX_LIMIT)) {
            out.add(new ConfigProblem(field, value + " is out of range: use 0.." + MAX_LIMIT));
        }
    }
}
