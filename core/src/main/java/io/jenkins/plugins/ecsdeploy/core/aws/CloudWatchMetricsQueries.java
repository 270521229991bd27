package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchMetricsSeries.Combine;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.CustomMetricConfig;
import io.jenkins.plugins.ecsdeploy.core.config.Direction;
import io.jenkins.plugins.ecsdeploy.core.config.MetricExpressions;
import io.jenkins.plugins.ecsdeploy.core.config.MetricPlaceholders;
import io.jenkins.plugins.ecsdeploy.core.config.MetricStatConfig;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Every GetMetricData query of one analysis interval, for both slots, and each slot's metrics read back from the
 * results. Query ids are {@code SLOT_NAME}: {@code green_requests}, {@code green_cpu}, {@code green_x_queueDepth}
 * for a custom metric, {@code green_x_rate_errors} for an input of an expression, which CloudWatch evaluates and
 * alone returns.
 *
 * <p>When an interval holds several data points of a series they combine as the series says: ALB sums are
 * summed, the rest take the worst point; a custom metric's Sum and SampleCount are summed, any other statistic
 * (and an expression) takes the worst point for its direction, the highest when higher is bad.
 */
final class CloudWatchMetricsQueries {

    private final AnalysisConfig analysis;
    /** App Runner services behind weighted records, or ALB target groups in front of ECS services. */
    private final TrafficMetricsSource source;
    /** Each slot's placeholder values, which hold its ALB, ECS or App Runner dimension values too. */
    private final Map<Slot, Map<String, String>> slots = new EnumMap<>(Slot.class);

    /**
     * @throws IllegalArgumentException if a target group or load balancer ARN is not an ALB ARN, or a service ARN
     *     not an App Runner service's
     */
    CloudWatchMetricsQueries(ResolvedEnvironment env, AnalysisConfig analysis) {
        this.analysis = analysis;
        this.source = env.records() != null ? TrafficMetricsSource.APP_RUNNER : TrafficMetricsSource.ALB;
        for (Slot slot : Slot.values()) {
            slots.put(slot, CloudWatchDimensions.placeholders(env, slot));
        }
    }

    List<MetricDataQuery> build(int period) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            Map<String, String> values = slots.get(slot);
            List<Dimension> traffic = source == TrafficMetricsSource.ALB
                    ? List.of(dimension("TargetGroup", values.get("targetGroup")),
                            dimension("LoadBalancer", values.get("loadBalancer")))
                    : appRunnerService(values);
            for (CloudWatchMetricsSeries series : CloudWatchMetricsSeries.values()) {
                String name = series.metricName(source);
                if (name != null) {
                    queries.add(stat(id(slot, series.idSuffix), source.namespace, name, traffic, series.stat, null,
                            period, true));
                }
            }
            List<Dimension> service = source == TrafficMetricsSource.ALB
                    ? List.of(dimension("ClusterName", values.get("cluster")),
                            dimension("ServiceName", values.get("service")))
                    : traffic;
            if (analysis.checksCpu()) {
                queries.add(stat(id(slot, "cpu"), source.utilizationNamespace, "CPUUtilization", service, "Average",
                        null, period, true));
            }
            if (analysis.checksMemory()) {
                queries.add(stat(id(slot, "memory"), source.utilizationNamespace, "MemoryUtilization", service,
                        "Average", null, period, true));
            }
            for (CustomMetricConfig custom : analysis.customMetrics()) {
                custom(queries, slot, custom, period);
            }
        }
        return queries;
    }

    /** App Runner files a service's metrics under its name and its ID together. */
    private static List<Dimension> appRunnerService(Map<String, String> values) {
        return List.of(dimension("ServiceName", values.get("service")),
                dimension("ServiceID", values.get("serviceId")));
    }

    private void custom(List<MetricDataQuery> queries, Slot slot, CustomMetricConfig custom, int period) {
        Map<String, String> values = slots.get(slot);
        String id = customId(slot, custom);
        if (custom.expression() == null) {
            queries.add(stat(id, custom.metric(), values, period, true));
            return;
        }
        for (Map.Entry<String, MetricStatConfig> input : custom.metrics().entrySet()) {
            queries.add(stat(id + "_" + input.getKey(), input.getValue(), values, period, false));
        }
        queries.add(MetricDataQuery.builder().id(id).returnData(true)
                .expression(MetricExpressions.renameReferences(custom.expression(), ref -> id + "_" + ref))
                .build());
    }

    /** One slot's metrics from the data points by query id. */
    IntervalMetrics read(Slot slot, Map<String, List<Double>> values) {
        Map<CloudWatchMetricsSeries, Double> alb = new LinkedHashMap<>();
        for (CloudWatchMetricsSeries series : CloudWatchMetricsSeries.values()) {
            alb.put(series, series.combine(points(values, id(slot, series.idSuffix)), source));
        }
        Map<String, Double> custom = new LinkedHashMap<>();
        for (CustomMetricConfig c : analysis.customMetrics()) {
            Double v = combine(c).of(points(values, customId(slot, c)));
            if (v != null) {
                custom.put(c.name(), v);
            }
        }
        return new IntervalMetrics(alb.get(CloudWatchMetricsSeries.REQUESTS),
                alb.get(CloudWatchMetricsSeries.ERRORS_5XX), alb.get(CloudWatchMetricsSeries.P95),
                alb.get(CloudWatchMetricsSeries.P99), alb.get(CloudWatchMetricsSeries.HEALTHY),
                alb.get(CloudWatchMetricsSeries.UNHEALTHY), alb.get(CloudWatchMetricsSeries.P50),
                Combine.MAX.of(points(values, id(slot, "cpu"))), Combine.MAX.of(points(values, id(slot, "memory"))),
                custom);
    }

    private static Combine combine(CustomMetricConfig c) {
        String stat = c.metric() == null ? null : c.metric().statistic();
        if ("Sum".equals(stat) || "SampleCount".equals(stat)) {
            return Combine.SUM;
        }
        return c.direction() == Direction.BELOW ? Combine.MIN : Combine.MAX;
    }

    private static List<Double> points(Map<String, List<Double>> values, String id) {
        return values.getOrDefault(id, List.of());
    }

    static String id(Slot slot, String suffix) {
        return slot.id() + "_" + suffix;
    }

    private static String customId(Slot slot, CustomMetricConfig custom) {
        return id(slot, "x_" + custom.name());
    }

    private static MetricDataQuery stat(String id, MetricStatConfig m, Map<String, String> placeholders, int period,
            boolean returnData) {
        List<Dimension> dimensions = new ArrayList<>();
        m.dimensions().forEach((name, value) -> dimensions.add(dimension(name,
                MetricPlaceholders.fill(value, placeholders))));
        return stat(id, m.namespace(), m.metricName(), dimensions, m.statistic(), m.unit(), period, returnData);
    }

    private static MetricDataQuery stat(String id, String namespace, String name, List<Dimension> dimensions,
            String statistic, String unit, int period, boolean returnData) {
        Metric metric = Metric.builder().namespace(namespace).metricName(name).dimensions(dimensions).build();
        return MetricDataQuery.builder().id(id).returnData(returnData).metricStat(MetricStat.builder().metric(metric)
                .period(period).stat(statistic).unit(unit).build()).build();
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
