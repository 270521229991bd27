package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.MetricsSource;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads both slots' ALB target-group metrics from CloudWatch in one GetMetricData call per interval, and the
 * state of the configured alarms.
 */
public final class CloudWatchMetrics implements MetricsSource {

    static final String NAMESPACE = "AWS/ApplicationELB";
    /** DescribeAlarms accepts at most this many alarm names per call. */
    private static final int ALARM_NAMES_PER_CALL = 100;

    private final CloudWatchClient cw;
    private final Map<Slot, List<Dimension>> dimensions = new EnumMap<>(Slot.class);

    /**
     * @throws IllegalArgumentException if a target group or load balancer ARN is not an ALB ARN
     */
    public CloudWatchMetrics(CloudWatchClient cw, ResolvedEnvironment env) {
        this.cw = cw;
        String loadBalancer = loadBalancerDimension(env.loadBalancerArn());
        for (Slot slot : Slot.values()) {
            dimensions.put(slot, List.of(
                    Dimension.builder().name("TargetGroup").value(targetGroupDimension(env.targetGroupArn(slot)))
                            .build(),
                    Dimension.builder().name("LoadBalancer").value(loadBalancer).build()));
        }
    }

    @Override
    public Map<Slot, IntervalMetrics> fetch(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("metrics interval ends (" + end + ") before it starts (" + start
                    + ")");
        }
        int period = periodSeconds(Duration.between(start, end));
        List<MetricDataQuery> queries = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            for (CloudWatchMetricsSeries series : CloudWatchMetricsSeries.values()) {
                queries.add(query(slot, series, period));
            }
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder().metricDataQueries(queries).startTime(start)
                .endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).build();
        Map<String, List<Double>> values = call("GetMetricData", () -> collect(cw.getMetricDataPaginator(request)));
        Map<Slot, IntervalMetrics> result = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            result.put(slot, new IntervalMetrics(
                    value(values, slot, CloudWatchMetricsSeries.REQUESTS),
                    value(values, slot, CloudWatchMetricsSeries.ERRORS_5XX),
                    value(values, slot, CloudWatchMetricsSeries.P95),
                    value(values, slot, CloudWatchMetricsSeries.P99),
                    value(values, slot, CloudWatchMetricsSeries.HEALTHY),
                    value(values, slot, CloudWatchMetricsSeries.UNHEALTHY)));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * {@inheritDoc}
     *
     * @throws AwsFailure naming any alarm that does not exist in this account and region, since CloudWatch
     *     silently leaves unknown names out and a misspelt alarm would otherwise never fire
     */
    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        List<String> wanted = List.copyOf(new LinkedHashSet<>(alarmNames));
        Set<String> found = new HashSet<>();
        Set<String> firing = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += ALARM_NAMES_PER_CALL) {
            DescribeAlarmsRequest request = DescribeAlarmsRequest.builder()
                    .alarmNames(wanted.subList(from, Math.min(from + ALARM_NAMES_PER_CALL, wanted.size())))
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .maxRecords(ALARM_NAMES_PER_CALL).build();
            call("DescribeAlarms", () -> {
                for (DescribeAlarmsResponse page : cw.describeAlarmsPaginator(request)) {
                    for (MetricAlarm a : page.metricAlarms()) {
                        note(a.alarmName(), a.stateValue(), found, firing);
                    }
                    for (CompositeAlarm a : page.compositeAlarms()) {
                        note(a.alarmName(), a.stateValue(), found, firing);
                    }
                }
                return null;
            });
        }
        List<String> missing = wanted.stream().filter(n -> !found.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new AwsFailure("DescribeAlarms", "ResourceNotFound", false, "CloudWatch alarm"
                    + (missing.size() == 1 ? " " : "s ") + missing.stream().map(n -> "'" + n + "'")
                            .collect(Collectors.joining(", "))
                    + (missing.size() == 1 ? " does" : " do") + " not exist in this account and region: fix the "
                    + "names in the analysis alarms setting (names are case-sensitive).", null);
        }
        return wanted.stream().filter(firing::contains).toList();
    }

    private static void note(String name, StateValue state, Set<String> found, Set<String> firing) {
        found.add(name);
        if (state == StateValue.ALARM) {
            firing.add(name);
        }
    }

    private MetricDataQuery query(Slot slot, CloudWatchMetricsSeries series, int period) {
        Metric metric = Metric.builder().namespace(NAMESPACE).metricName(series.metricName)
                .dimensions(dimensions.get(slot)).build();
        return MetricDataQuery.builder().id(id(slot, series)).returnData(true)
                .metricStat(MetricStat.builder().metric(metric).period(period).stat(series.stat).build()).build();
    }

    /** Values per query id over every page: a long result is split across pages, each with part of a series. */
    private static Map<String, List<Double>> collect(Iterable<GetMetricDataResponse> pages) {
        Map<String, List<Double>> values = new HashMap<>();
        for (GetMetricDataResponse page : pages) {
            for (MetricDataResult r : page.metricDataResults()) {
                boolean forbidden = r.statusCode() == StatusCode.FORBIDDEN;
                if (forbidden || r.statusCode() == StatusCode.INTERNAL_ERROR) {
                    throw new AwsFailure("GetMetricData", r.statusCodeAsString(), forbidden,
                            "CloudWatch GetMetricData returned " + r.statusCodeAsString() + " for " + r.id()
                                    + messages(r) + "; the interval cannot be judged.", null);
                }
                values.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.values());
            }
        }
        return values;
    }

    private static String messages(MetricDataResult r) {
        return r.messages().isEmpty() ? "" : " (" + r.messages().stream().map(m -> m.code() + ": " + m.value())
                .collect(Collectors.joining("; ")) + ")";
    }

    private static Double value(Map<String, List<Double>> values, Slot slot, CloudWatchMetricsSeries series) {
        return series.combine(values.getOrDefault(id(slot, series), List.of()));
    }

    static String id(Slot slot, CloudWatchMetricsSeries series) {
        return slot.id() + "_" + series.idSuffix;
    }

    /** ALB metrics have a 60 s resolution: one period covering the whole interval, in whole minutes. */
    static int periodSeconds(Duration interval) {
        long seconds = interval.getSeconds() + (interval.getNano() > 0 ? 1 : 0);
        long minutes = Math.max(1, (seconds + 59) / 60);
        return Math.toIntExact(minutes * 60);
    }

    /** {@code arn:aws:elasticloadbalancing:r:a:targetgroup/name/id} becomes {@code targetgroup/name/id}. */
    static String targetGroupDimension(String arn) {
        int at = arn == null ? -1 : arn.indexOf(":targetgroup/");
        if (at < 0) {
            throw new IllegalArgumentException("target group ARN '" + arn + "' has no ':targetgroup/name/id' part: "
                    + "give the ARN of the slot's ALB target group.");
        }
        return arn.substring(at + 1);
    }

    /** {@code arn:aws:elasticloadbalancing:r:a:loadbalancer/app/name/id} becomes {@code app/name/id}. */
    static String loadBalancerDimension(String arn) {
        int at = arn == null ? -1 : arn.indexOf(":loadbalancer/app/");
        if (at < 0) {
            throw new IllegalArgumentException("load balancer ARN '" + arn + "' is not an Application Load "
                    + "Balancer's (':loadbalancer/app/name/id'): canary analysis reads ALB metrics.");
        }
        return arn.substring(at + ":loadbalancer/".length());
    }

    /** Translates failures like the other adapters do, naming the IAM action to grant when denied. */
    private static <T> T call(String operation, Supplier<T> body) {
        return AwsErrors.call("cloudwatch:" + operation, "CloudWatch", null, body);
    }
}
