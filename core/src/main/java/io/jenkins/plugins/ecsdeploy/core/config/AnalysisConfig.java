package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Canary analysis settings. Absolute thresholds apply to the canary; the relative ones compare the canary with
 * the stable slot over the same interval.
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
 * @param noDataPerMetric per-metric override of {@code noData}; keys: errorRate, p95, p99, healthyHosts,
 *     relativeErrorRate, relativeP99
 * @param maxErrorRateIncrease fail when the canary's error rate exceeds the stable slot's by more than this many
 *     percentage points (default: off)
 * @param maxLatencyIncreasePercent fail when the canary's p99 exceeds the stable slot's by more than this
 *     percent (default: off)
 * @param alarms CloudWatch alarms that fail an interval while in ALARM
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
        List<String> alarms) {

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
    }

    public static AnalysisConfig defaults() {
        return new AnalysisConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public NoDataPolicy noDataFor(String metric) {
        return noDataPerMetric.getOrDefault(metric, noData);
    }
}
