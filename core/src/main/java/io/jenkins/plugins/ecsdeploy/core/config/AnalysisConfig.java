package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canary analysis settings. Absolute thresholds apply to the canary; the relative ones compare the canary with
 * the stable slot over the same interval. A metric is checked when it has a fail level or a warn level; a warn is
 * recorded and shown and never fails an interval; a dry-run metric is measured and recorded but never decides one.
 *
 * @param interval length of one analysis interval (default 60 s, the resolution of ALB metrics)
 * @param maxErrorRatePercent target 5xx responses per request above which an interval fails (default 5)
 * @param maxP95Millis p95 target response time above which an interval fails (default: not checked)
 * @param maxP99Millis p99 target response time above which an interval fails (default 1000)
 * @param minRequests fewer canary requests than this in an interval make it inconclusive (default 20)
 * @param failureLimit failed intervals tolerated in a stage; one more fails the stage (default 0)
 * @param inconclusiveLimit inconclusive intervals tolerated in a stage; one more fails it (default 3)
 * @param noData what missing data means, for every metric not named in {@code noDataPerMetric}
 *     (default INCONCLUSIVE)
 * @param noDataPerMetric per-metric override of {@code noData}, by built-in metric name ({@link #METRICS})
 * @param maxErrorRateIncrease fail when the canary's error rate exceeds the stable slot's by more than this many
 *     percentage points (default: off)
 * @param maxLatencyIncreasePercent fail when the canary's p99 exceeds the stable slot's by more than this
 *     percent (default: off)
 * @param alarms CloudWatch alarms that fail an interval while in ALARM
 * @param maxP50Millis p50 target response time above which an interval fails (default: not checked)
 * @param maxP50IncreasePercent fail when the canary's p50 exceeds the stable slot's by more than this percent
 * @param maxP95IncreasePercent fail when the canary's p95 exceeds the stable slot's by more than this percent
 * @param maxCpuPercent the canary service's CPU utilization (AWS/ECS, Average) above which an interval fails
 * @param maxCpuIncrease fail when the canary's CPU utilization exceeds the stable slot's by more than this many
 *     percentage points
 * @param maxMemoryPercent the canary service's memory utilization above which an interval fails
 * @param maxMemoryIncrease fail when the canary's memory utilization exceeds the stable slot's by more than this
 *     many percentage points
 * @param warn warn levels by built-in metric name, in the unit of that metric's fail setting
 * @param dryRun built-in metrics that are measured and recorded but never decide an interval
 * @param customMetrics the team's own metrics and metric math expressions
 */
public record AnalysisConfig(
        @JsonDeserialize(using = DurationDeserializer.class) Duration interval,
        Double maxErrorRatePercent,
        Double maxP95Millis,
        Double maxP99Millis,
        Long minRequests,
        Integer failureLimit,
        Integer inconclusiveLimit,
        NoDataPolicy noData,
        Map<String, NoDataPolicy> noDataPerMetric,
        Double maxErrorRateIncrease,
        Double maxLatencyIncreasePercent,
        List<String> alarms,
        Double maxP50Millis,
        Double maxP50IncreasePercent,
        Double maxP95IncreasePercent,
        Double maxCpuPercent,
        Double maxCpuIncrease,
        Double maxMemoryPercent,
        Double maxMemoryIncrease,
        Map<String, Double> warn,
        List<String> dryRun,
        List<CustomMetricConfig> customMetrics) {

    /** The built-in metrics, in the order an interval judges them; healthyHosts has no levels to set. */
    public static final List<String> METRICS = List.of("errorRate", "p50", "p95", "p99", "healthyHosts",
            "relativeErrorRate", "relativeP50", "relativeP95", "relativeP99", "cpu", "memory", "relativeCpu",
            "relativeMemory");
    /** The prefix of the verdict that compares a custom metric with the stable slot: {@code relative:NAME}. */
    public static final String RELATIVE = "relative:";

    public AnalysisConfig {
        interval = interval == null ? Duration.ofSeconds(60) : interval;
        maxErrorRatePercent = maxErrorRatePercent == null ? 5.0 : maxErrorRatePercent;
        maxP99Millis = maxP99Millis == null ? 1000.0 : maxP99Millis;
        minRequests = minRequests == null ? 20L : minRequests;
        failureLimit = failureLimit == null ? 0 : failureLimit;
        inconclusiveLimit = inconclusiveLimit == null ? 3 : inconclusiveLimit;
        noData = noData == null ? NoDataPolicy.INCONCLUSIVE : noData;
        noDataPerMetric = noDataPerMetric == null ? Map.of() : Map.copyOf(noDataPerMetric);
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
        warn = warn == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(warn));
        dryRun = dryRun == null ? List.of() : List.copyOf(dryRun);
        customMetrics = customMetrics == null ? List.of() : List.copyOf(customMetrics);
    }

    /** The settings as they were before p50, CPU, memory, warn levels, dry runs and custom metrics. */
    public AnalysisConfig(Duration interval, Double maxErrorRatePercent, Double maxP95Millis, Double maxP99Millis,
            Long minRequests, Integer failureLimit, Integer inconclusiveLimit, NoDataPolicy noData,
            Map<String, NoDataPolicy> noDataPerMetric, Double maxErrorRateIncrease, Double maxLatencyIncreasePercent,
            List<String> alarms) {
        this(interval, maxErrorRatePercent, maxP95Millis, maxP99Millis, minRequests, failureLimit,
                inconclusiveLimit, noData, noDataPerMetric, maxErrorRateIncrease, maxLatencyIncreasePercent, alarms,
                null, null, null, null, null, null, null, null, null, null);
    }

    public static AnalysisConfig defaults() {
        return new AnalysisConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The fail level of a built-in metric, or null when it has none (then it may still have a warn level). */
    public Double failLevel(String metric) {
        return switch (metric) {
            case "errorRate" -> maxErrorRatePercent;
            case "p50" -> maxP50Millis;
            case "p95" -> maxP95Millis;
            case "p99" -> maxP99Millis;
            case "relativeErrorRate" -> maxErrorRateIncrease;
            case "relativeP50" -> maxP50IncreasePercent;
            case "relativeP95" -> maxP95IncreasePercent;
            case "relativeP99" -> maxLatencyIncreasePercent;
            case "cpu" -> maxCpuPercent;
            case "memory" -> maxMemoryPercent;
            case "relativeCpu" -> maxCpuIncrease;
            case "relativeMemory" -> maxMemoryIncrease;
            default -> null;
        };
    }

    /** The name of the setting that holds a built-in metric's fail level, e.g. maxP99Millis for p99. */
    public static String failSetting(String metric) {
        return switch (metric) {
            case "errorRate" -> "maxErrorRatePercent";
            case "relativeErrorRate" -> "maxErrorRateIncrease";
            case "relativeP99" -> "maxLatencyIncreasePercent";
            case "relativeP50", "relativeP95" -> "max" + metric.substring("relative".length()) + "IncreasePercent";
            case "relativeCpu", "relativeMemory" -> "max" + metric.substring("relative".length()) + "Increase";
            case "cpu", "memory" -> "max" + Character.toUpperCase(metric.charAt(0)) + metric.substring(1)
                    + "Percent";
            default -> "max" + Character.toUpperCase(metric.charAt(0)) + metric.substring(1) + "Millis";
        };
    }

    /** The warn level of a built-in metric, or null. */
    public Double warnLevel(String metric) {
        return warn.get(metric);
    }

    /** Whether a built-in metric is judged: healthy hosts always, the others when they have a level. */
    public boolean checks(String metric) {
        return metric.equals("healthyHosts") || failLevel(metric) != null || warnLevel(metric) != null;
    }

    /** Whether CloudWatch's AWS/ECS utilization of the slots' services is needed. */
    public boolean checksCpu() {
        return checks("cpu") || checks("relativeCpu");
    }

    public boolean checksMemory() {
        return checks("memory") || checks("relativeMemory");
    }

    /** Whether a metric (built-in, custom, or {@code relative:} custom) is measured without deciding anything. */
    public boolean isDryRun(String metric) {
        return custom(metric).map(CustomMetricConfig::dryRunEnabled).orElse(dryRun.contains(metric));
    }

    /** The no-data policy of a built-in or custom metric. */
    public NoDataPolicy noDataFor(String metric) {
        Optional<CustomMetricConfig> custom = custom(metric);
        if (custom.isPresent()) {
            return custom.get().noData() == null ? noData : custom.get().noData();
        }
        return noDataPerMetric.getOrDefault(metric, noData);
    }

    /** The custom metric a verdict name belongs to ({@code NAME} or {@code relative:NAME}). */
    public Optional<CustomMetricConfig> custom(String metric) {
        String name = metric.startsWith(RELATIVE) ? metric.substring(RELATIVE.length()) : metric;
        return customMetrics.stream().filter(c -> name.equals(c.name())).findFirst();
    }
}
