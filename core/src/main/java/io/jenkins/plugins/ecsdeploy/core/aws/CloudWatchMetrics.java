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
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads everything a canary interval is judged on from CloudWatch in one GetMetricData call: both slots' ALB
 * target-group metrics, their ECS services' CPU and memory when those are checked, and the custom metrics and
 * expressions of the analysis settings; and the state of the configured alarms.
 */
public final class CloudWatchMetrics implements MetricsSource {

    private final CloudWatchClient cw;
    private final CloudWatchMetricsQueries queries;
    private final CloudWatchAlarms alarms;

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
        this.alarms = new CloudWatchAlarms(cw);
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
     * @throws AwsFailure naming any alarm that does not exist (see {@link CloudWatchAlarms#inAlarm})
     */
    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        return alarms.inAlarm(alarmNames);
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
