package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CloudWatch metric values tests program, per target group, metric name and statistic. A metric that was
 * not programmed has no data points, so "no data" can be tested.
 *
 * <p>The target group is named by its ARN suffix ({@code targetgroup/web-green/bbbb...}), its name
 * ({@code web-green}), or the suffix after its last hyphen ({@code green}), which is the slot in the standard
 * environment. A programmed value yields one data point per period in the requested time range.
 */
public final class MetricProgramme {

    private final Map<String, Function<Instant, Double>> values = new ConcurrentHashMap<>();

    /** Every period of {@code metricName}/{@code stat} (such as Sum, Average, p99) has {@code value}. */
    public MetricProgramme set(String targetGroup, String metricName, String stat, double value) {
        return set(targetGroup, metricName, stat, time -> value);
    }

    /** Each period's value is {@code valueAt} its start time; null means no data point for that period. */
    public MetricProgramme set(String targetGroup, String metricName, String stat,
            Function<Instant, Double> valueAt) {
        values.put(key(groupName(targetGroup), metricName, stat), valueAt);
        return this;
    }

    /** Forgets every programmed value. */
    public void clear() {
        values.clear();
    }

    /** The programmed value of the target group's metric at {@code time}, or null when there is none. */
    Double valueAt(String targetGroupName, String metricName, String stat, Instant time) {
        Function<Instant, Double> exact = values.get(key(targetGroupName, metricName, stat));
        if (exact != null) {
            return exact.apply(time);
        }
        String slot = targetGroupName.substring(targetGroupName.lastIndexOf('-') + 1);
        Function<Instant, Double> bySlot = values.get(key(slot, metricName, stat));
        return bySlot == null ? null : bySlot.apply(time);
    }

    /** The target group name in a metric dimension value such as {@code targetgroup/web-green/bbbb}. */
    static String groupName(String dimensionOrName) {
        String[] parts = dimensionOrName.split("/");
        return parts.length == 3 ? parts[1] : dimensionOrName;
    }

    private static String key(String group, String metricName, String stat) {
        return group + "|" + metricName + "|" + stat.toLowerCase(Locale.ROOT);
    }
}
