package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
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
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads everything a canary interval is judged on from CloudWatch in one GetMetricData call: both slots' ALB
 * target-group metrics, their ECS services' CPU and memory when those are checked, and the custom metrics and
 * expressions of the analysis settings; and the state of the configured alarms.
 */
public final class CloudWatchMetrics implements MetricsSource {

    /** DescribeAlarms accepts at most this many alarm names per call. */
    private static final int ALARM_NAMES_PER_CALL = 100;

    private final CloudWatchClient cw;
    private final CloudWatchMetricsQueries queries;

    /**
     * Reads the load balancer's metrics only, as the status reader needs.
     *
     * @throws IllegalArgumentException if a target group or load balancer ARN is not an ALB ARN
     */
    public CloudWatchMetrics(CloudWatchClient cw, ResolvedEnvironment env) {
        this(cw, env, AnalysisConfig.defaults());
    }

    /**
     * Reads what {@code analysis} judges.
     *
     * @throws IllegalArgumentException if a target group or load balancer ARN is not an ALB ARN
     */
    public CloudWatchMetrics(CloudWatchClient cw, ResolvedEnvironment env, AnalysisConfig analysis) {
        this.cw = cw;
        this.queries = new CloudWatchMetricsQueries(env, analysis);
    }

    @Override
    public Map<Slot, IntervalMetrics> fetch(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("metrics interval ends (" + end + ") before it starts (" + start
                    + ")");
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .metricDataQueries(queries.build(periodSeconds(Duration.between(start, end))))
                .startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).build();
        Map<String, List<Double>> values = call("GetMetricData", () -> collect(cw.getMetricDataPaginator(request)));
        Map<Slot, IntervalMetrics> result = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            result.put(slot, queries.read(slot, values));
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

    /** ALB metrics have a 60 s resolution: one period covering the whole interval, in whole minutes. */
    static int periodSeconds(Duration interval) {
        long seconds = interval.getSeconds() + (interval.getNano() > 0 ? 1 : 0);
        long minutes = Math.max(1, (seconds + 59) / 60);
        return Math.toIntExact(minutes * 60);
    }

    /** Translates failures like the other adapters do, naming the IAM action to grant when denied. */
    private static <T> T call(String operation, Supplier<T> body) {
        return AwsErrors.call("cloudwatch:" + operation, "CloudWatch", null, body);
    }
}
