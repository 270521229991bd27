package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CloudWatch metric values tests program. A metric that was not programmed has no data points, so "no data"
 * can be tested. A programmed value or set of samples yields one data point per period in the requested range.
 *
 * <p>Two ways to name a metric:
 * <ul>
 * <li>ALB target-group metrics by target group: its ARN suffix ({@code targetgroup/web-green/bbbb...}), its name
 * ({@code web-green}), or the suffix after its last hyphen ({@code green}), which is the slot in the standard
 * environment. A query whose dimensions include that {@code TargetGroup} matches, unless a metric with its exact
 * dimensions was programmed the other way.</li>
 * <li>Any other metric as CloudWatch identifies it: namespace, metric name and the exact set of dimensions.</li>
 * </ul>
 * Either way, a test programs a statistic's value directly ({@code set}), or the raw samples of each period
 * ({@code samples}), from which the fake computes Sum, Average, Minimum, Maximum, SampleCount and percentiles.
 */
public final class MetricProgramme {

    private final Map<String, Function<Instant, Double>> values = new ConcurrentHashMap<>();
    private final Map<String, Function<Instant, double[]>> samples = new ConcurrentHashMap<>();

    /**
     * The target group serves healthy traffic every period: 1000 requests, 2 of them 5xx, p95 120 ms, p99 200 ms,
     * two healthy hosts and none unhealthy.
     */
    public MetricProgramme healthy(String targetGroup) {
        return set(targetGroup, "RequestCount", "Sum", 1000)
                .set(targetGroup, "HTTPCode_Target_5XX_Count", "Sum", 2)
                .set(targetGroup, "TargetResponseTime", "p95", 0.120)
                .set(targetGroup, "TargetResponseTime", "p99", 0.200)
                .set(targetGroup, "HealthyHostCount", "Minimum", 2)
                .set(targetGroup, "UnHealthyHostCount", "Maximum", 0);
    }

    /** Every period of {@code metricName}/{@code stat} (such as Sum, Average, p99) has {@code value}. */
    public MetricProgramme set(String targetGroup, String metricName, String stat, double value) {
        return set(targetGroup, metricName, stat, time -> value);
    }

    /** Each period's value is {@code valueAt} its start time; null means no data point for that period. */
    public MetricProgramme set(String targetGroup, String metricName, String stat,
            Function<Instant, Double> valueAt) {
        values.put(groupKey(groupName(targetGroup), metricName) + "|" + stat(stat), valueAt);
        return this;
    }

    /** Each period of the target group's metric holds these samples (none or null: no data point). */
    public MetricProgramme samples(String targetGroup, String metricName, Function<Instant, double[]> samplesAt) {
        samples.put(groupKey(groupName(targetGroup), metricName), samplesAt);
        return this;
    }

    /** Every period of the metric with exactly these dimensions has {@code value} for {@code stat}. */
    public MetricProgramme set(String namespace, String metricName, Map<String, String> dimensions, String stat,
            double value) {
        return set(namespace, metricName, dimensions, stat, time -> value);
    }

    /** Each period's value of the metric with exactly these dimensions is {@code valueAt} its start. */
    public MetricProgramme set(String namespace, String metricName, Map<String, String> dimensions, String stat,
            Function<Instant, Double> valueAt) {
        values.put(exactKey(namespace, metricName, dimensions) + "|" + stat(stat), valueAt);
        return this;
    }

    /** Each period of the metric with exactly these dimensions holds these samples. */
    public MetricProgramme samples(String namespace, String metricName, Map<String, String> dimensions,
            Function<Instant, double[]> samplesAt) {
        samples.put(exactKey(namespace, metricName, dimensions), samplesAt);
        return this;
    }

    /** Forgets every programmed value and sample. */
    public void clear() {
        values.clear();
        samples.clear();
    }

    /**
     * The value of one period of a metric, or null when there is none: the programmed statistic, else the statistic
     * over the programmed samples. A metric programmed with its exact dimensions comes first; an ALB query (one
     * with a TargetGroup dimension) is then matched by its target group.
     */
    Double valueAt(String namespace, String metricName, Map<String, String> dimensions, String stat, Instant time) {
        String exact = exactKey(namespace, metricName, dimensions);
        String group = dimensions.get("TargetGroup");
        if (hasAny(exact, stat) || group == null) {
            return valueAt(exact, stat, time);
        }
        String name = groupName(group);
        String slot = name.substring(name.lastIndexOf('-') + 1);
        String byName = groupKey(name, metricName);
        return valueAt(hasAny(byName, stat) ? byName : groupKey(slot, metricName), stat, time);
    }

    private Double valueAt(String key, String stat, Instant time) {
        Function<Instant, Double> value = values.get(key + "|" + stat(stat));
        if (value != null) {
            return value.apply(time);
        }
        Function<Instant, double[]> raw = samples.get(key);
        return raw == null ? null : Statistics.of(stat, raw.apply(time));
    }

    private boolean hasAny(String key, String stat) {
        return values.containsKey(key + "|" + stat(stat)) || samples.containsKey(key);
    }

    /** The target group name in a metric dimension value such as {@code targetgroup/web-green/bbbb}. */
    static String groupName(String dimensionOrName) {
        String[] parts = dimensionOrName.split("/");
        return parts.length == 3 ? parts[1] : dimensionOrName;
    }

    private static String groupKey(String group, String metricName) {
        return "tg|" + group + "|" + metricName;
    }

    private static String exactKey(String namespace, String metricName, Map<String, String> dimensions) {
        return namespace + "|" + metricName + "|" + new TreeMap<>(dimensions);
    }

    private static String stat(String stat) {
        return stat.toLowerCase(Locale.ROOT);
    }
}
