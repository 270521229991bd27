package io.jenkins.plugins.ecsdeploy.core.memory;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.MetricsSource;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms and target-group metrics of {@link InMemoryAws}. A metric is programmed per slot with one value per
 * one-minute period; one that was not programmed has no data, as in CloudWatch.
 */
public final class MemoryCloudWatch implements MetricsSource {

    private final InMemoryAws aws;
    final Map<String, String> alarms = new LinkedHashMap<>();
    private final Map<String, Double> values = new HashMap<>();

    MemoryCloudWatch(InMemoryAws aws) {
        this.aws = aws;
    }

    /**
     * Every period of the slot's {@code metricName}/{@code stat} has {@code value}, as the wire-level fake's metric
     * programme takes them ({@code TargetResponseTime} in seconds).
     */
    public MemoryCloudWatch set(String slot, String metricName, String stat, double value) {
        values.put(InMemoryAws.slotOf(slot) + "/" + metricName + "/" + stat, value);
        return this;
    }

    @Override
    public Map<Slot, IntervalMetrics> fetch(Instant start, Instant end) {
        aws.record("GetMetricData");
        long periods = Math.max(1, java.time.Duration.between(start, end).toMinutes());
        Map<Slot, IntervalMetrics> metrics = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            metrics.put(slot, new IntervalMetrics(sum(slot, "RequestCount", periods),
                    sum(slot, "HTTPCode_Target_5XX_Count", periods), millis(slot, "p95"), millis(slot, "p99"),
                    value(slot, "HealthyHostCount/Minimum"), value(slot, "UnHealthyHostCount/Maximum")));
        }
        return metrics;
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        aws.record("DescribeAlarms");
        List<String> missing = alarmNames.stream().filter(n -> !alarms.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new AwsFailure("DescribeAlarms", "ResourceNotFound", false, "CloudWatch alarm " + missing
                    + " was not found.", null);
        }
        return alarmNames.stream().filter(n -> "ALARM".equals(alarms.get(n))).toList();
    }

    private Double sum(Slot slot, String metric, long periods) {
        Double v = value(slot, metric + "/Sum");
        return v == null ? null : v * periods;
    }

    private Double millis(Slot slot, String stat) {
        Double seconds = value(slot, "TargetResponseTime/" + stat);
        return seconds == null ? null : seconds * 1000;
    }

    private Double value(Slot slot, String metricAndStat) {
        return values.get(slot + "/" + metricAndStat);
    }
}
