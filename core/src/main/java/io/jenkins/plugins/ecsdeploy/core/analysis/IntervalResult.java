package io.jenkins.plugins.ecsdeploy.core.analysis;

import java.time.Instant;
import java.util.List;

/**
 * One analysis interval of a canary stage: every metric's verdict and the interval's overall verdict (FAIL if any
 * metric failed, else INCONCLUSIVE if any was inconclusive, else PASS).
 */
public record IntervalResult(Instant start, Instant end, Verdict verdict, List<MetricVerdict> metrics,
        List<String> alarmsInAlarm, String summary) {

    public IntervalResult {
        metrics = List.copyOf(metrics);
        alarmsInAlarm = alarmsInAlarm == null ? List.of() : List.copyOf(alarmsInAlarm);
    }
}
