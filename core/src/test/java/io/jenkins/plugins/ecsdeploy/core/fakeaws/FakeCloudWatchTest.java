package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

class FakeCloudWatchTest {

    private static final String GREEN_DIMENSION = "targetgroup/web-green/bbbbbbbbbbbbbbbb";
    private static final String BLUE_DIMENSION = "targetgroup/web-blue/aaaaaaaaaaaaaaaa";
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private final FakeAws aws = FakeAws.startStandard();
    private final CloudWatchClient cloudWatch = SdkClients.cloudWatch(aws);

    @AfterEach
    void stop() {
        cloudWatch.close();
        aws.close();
    }

    private static MetricDataQuery query(String id, String targetGroup, String metric, String stat, int period) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(period).stat(stat).metric(m -> m
                .namespace("AWS/ApplicationELB").metricName(metric).dimensions(
                        Dimension.builder().name("TargetGroup").value(targetGroup).build(),
                        Dimension.builder().name("LoadBalancer").value("app/web-alb/50dc6c495c0c9188").build())))
                .build();
    }

    private static MetricDataQuery ecs(String id, String namespace, Map<String, String> dimensions) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(60).stat("Average").metric(m -> m
                .namespace(namespace).metricName("CPUUtilization").dimensions(dimensions.entrySet().stream()
                        .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build()).toList())))
                .build();
    }

    private static MetricDataQuery expression(String id, String expression) {
        return MetricDataQuery.builder().id(id).expression(expression).build();
    }

    private static MetricDataQuery hidden(MetricDataQuery query) {
        return query.toBuilder().returnData(false).build();
    }

    private AwsServiceException error(MetricDataQuery... queries) {
        try {
            cloudWatch.getMetricData(r -> r.startTime(START).endTime(START.plusSeconds(60))
                    .metricDataQueries(queries));
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("GetMetricData was expected to fail");
    }

    private String errorCode(MetricDataQuery... queries) {
        return error(queries).awsErrorDetails().errorCode();
    }

    private String errorMessage(MetricDataQuery... queries) {
        return error(queries).awsErrorDetails().errorMessage();
    }

    private Map<String, MetricDataResult> fetch(Instant end, ScanBy scanBy, MetricDataQuery... queries) {
        return cloudWatch.getMetricData(r -> r.startTime(START).endTime(end).scanBy(scanBy).metricDataQueries(queries))
                .metricDataResults().stream().collect(Collectors.toMap(MetricDataResult::id, Function.identity()));
    }

    @Test
    void returnsProgrammedValuesAndNothingForUnprogrammedMetrics() {
        aws.metrics().set("green", "HTTPCode_Target_5XX_Count", "Sum", 3)
                .set(GREEN_DIMENSION, "TargetResponseTime", "p99", 0.25)
                .set("web-blue", "RequestCount", "Sum", 1200);

        Map<String, MetricDataResult> results = fetch(START.plusSeconds(300), ScanBy.TIMESTAMP_ASCENDING,
                query("errors", GREEN_DIMENSION, "HTTPCode_Target_5XX_Count", "Sum", 300),
                query("latency", GREEN_DIMENSION, "TargetResponseTime", "p99", 300),
                query("requests", BLUE_DIMENSION, "RequestCount", "Sum", 300),
                query("blueErrors", BLUE_DIMENSION, "HTTPCode_Target_5XX_Count", "Sum", 300),
                query("p95", GREEN_DIMENSION, "TargetResponseTime", "p95", 300));

        assertThat(results.get("errors").values()).containsExactly(3.0);
        assertThat(results.get("errors").timestamps()).containsExactly(START);
        assertThat(results.get("latency").values()).containsExactly(0.25);
        assertThat(results.get("requests").values()).containsExactly(1200.0);
        assertThat(results.get("blueErrors").values()).isEmpty();
        assertThat(results.get("p95").values()).isEmpty();
        assertThat(results.get("errors").statusCodeAsString()).isEqualTo("Complete");
        assertThat(aws.calls("GetMetricData").get(0)
                .param("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"))
                .isEqualTo(GREEN_DIMENSION);
    }

    @Test
    void valuesCanBeAFunctionOfTimeWithOnePointPerPeriod() {
        aws.metrics().set("green", "RequestCount", "Sum",
                t -> t.isBefore(START.plusSeconds(120)) ? null : (double) t.getEpochSecond() - START.getEpochSecond());

        MetricDataResult ascending = fetch(START.plusSeconds(300), ScanBy.TIMESTAMP_ASCENDING,
                query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60)).get("r");
        assertThat(ascending.values()).containsExactly(120.0, 180.0, 240.0);
        assertThat(ascending.timestamps()).containsExactly(START.plusSeconds(120), START.plusSeconds(180),
                START.plusSeconds(240));

        MetricDataResult descending = fetch(START.plusSeconds(300), ScanBy.TIMESTAMP_DESCENDING,
                query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60)).get("r");
        assertThat(descending.values()).containsExactly(240.0, 180.0, 120.0);
    }

    @Test
    void percentilesAndOtherStatisticsAreComputedFromProgrammedSamples() {
        aws.metrics().samples("green", "TargetResponseTime", t -> new double[] {0.5, 0.1, 0.3, 0.2, 0.4, 0.9, 0.6,
                0.7, 0.8, 1.0});

        Map<String, MetricDataResult> results = fetch(START.plusSeconds(60), ScanBy.TIMESTAMP_ASCENDING,
                query("p50", GREEN_DIMENSION, "TargetResponseTime", "p50", 60),
                query("p99", GREEN_DIMENSION, "TargetResponseTime", "p99", 60),
                query("p90", GREEN_DIMENSION, "TargetResponseTime", "p90", 60),
                query("avg", GREEN_DIMENSION, "TargetResponseTime", "Average", 60),
                query("n", GREEN_DIMENSION, "TargetResponseTime", "SampleCount", 60),
                query("blue", BLUE_DIMENSION, "TargetResponseTime", "p99", 60));

        assertThat(results.get("p50").values()).containsExactly(0.5);
        assertThat(results.get("p90").values()).containsExactly(0.9);
        assertThat(results.get("p99").values()).containsExactly(1.0);
        assertThat(results.get("avg").values().get(0)).isCloseTo(0.55, within(1e-9));
        assertThat(results.get("n").values()).containsExactly(10.0);
        assertThat(results.get("blue").values()).isEmpty();
    }

    @Test
    void otherMetricsMatchTheirNamespaceAndExactDimensions() {
        Map<String, String> service = Map.of("ClusterName", "prod", "ServiceName", "web-green");
        aws.metrics().set("AWS/ECS", "CPUUtilization", service, "Average", 41.5);

        Map<String, MetricDataResult> results = fetch(START.plusSeconds(60), ScanBy.TIMESTAMP_ASCENDING,
                ecs("cpu", "AWS/ECS", Map.of("ServiceName", "web-green", "ClusterName", "prod")),
                ecs("fewer", "AWS/ECS", Map.of("ServiceName", "web-green")),
                ecs("elsewhere", "Custom/ECS", service));

        assertThat(results.get("cpu").values()).containsExactly(41.5);
        assertThat(results.get("fewer").values()).as("a subset of the dimensions is another metric").isEmpty();
        assertThat(results.get("elsewhere").values()).isEmpty();
    }

    @Test
    void metricMathIsEvaluatedOverTheOtherQueriesAndOnlyReturnedSeriesAreSent() {
        aws.metrics().set("green", "HTTPCode_Target_5XX_Count", "Sum", t -> t.equals(START) ? 3.0 : null)
                .set("green", "RequestCount", "Sum", t -> t.equals(START.plusSeconds(120)) ? 0.0 : 200.0);

        Map<String, MetricDataResult> results = fetch(START.plusSeconds(180), ScanBy.TIMESTAMP_ASCENDING,
                hidden(query("errors", GREEN_DIMENSION, "HTTPCode_Target_5XX_Count", "Sum", 60)),
                hidden(query("requests", GREEN_DIMENSION, "RequestCount", "Sum", 60)),
                expression("rate", "100 * errors / requests"),
                expression("filled", "100 * FILL(errors, 0) / requests"),
                expression("negated", "-(errors + 1) * 2"));

        assertThat(results).containsOnlyKeys("rate", "filled", "negated");
        assertThat(results.get("rate").values()).containsExactly(1.5);
        assertThat(results.get("rate").timestamps()).containsExactly(START);
        assertThat(results.get("filled").values()).as("0 / 0 at the third minute is left out")
                .containsExactly(1.5, 0.0);
        assertThat(results.get("negated").values()).containsExactly(-8.0);
    }

    @Test
    void expressionsItCannotReadAreValidationErrors() {
        aws.metrics().set("green", "RequestCount", "Sum", 200);

        assertThat(errorCode(query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60), expression("e", "r / missing")))
                .isEqualTo("ValidationError");
        assertThat(errorMessage(query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60),
                expression("e", "ANOMALY_DETECTION_BAND(r)")))
                .contains("ANOMALY_DETECTION_BAND is not implemented by the fake");
        assertThat(errorCode(query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60), expression("e", "r * (2")))
                .isEqualTo("ValidationError");
        assertThat(errorCode(expression("a", "b + 1"), expression("b", "a + 1"))).isEqualTo("ValidationError");
    }

    @Test
    void refusesWhatCloudWatchRefuses() {
        MetricDataQuery ok = query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60);
        assertThat(errorCode(query("r", GREEN_DIMENSION, "RequestCount", "P99", 60)))
                .as("statistics are case-sensitive").isEqualTo("InvalidParameterValue");
        assertThat(errorCode(query("Requests", GREEN_DIMENSION, "RequestCount", "Sum", 60)))
                .as("ids start with a lowercase letter").isEqualTo("ValidationError");
        assertThat(errorCode(ok, ok)).as("ids are unique").isEqualTo("ValidationError");
        MetricDataQuery[] tooMany = IntStream.range(0, 501)
                .mapToObj(i -> query("q" + i, GREEN_DIMENSION, "RequestCount", "Sum", 60))
                .toArray(MetricDataQuery[]::new);
        assertThat(errorMessage(tooMany)).contains("must not have a size greater than 500");
        assertThat(fetch(START.plusSeconds(60), ScanBy.TIMESTAMP_ASCENDING, java.util.Arrays.copyOf(tooMany, 500)))
                .hasSize(500);
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(START).endTime(START)
                .metricDataQueries(ok)))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
    }

    @Test
    void dashboardsAreStoredAsPutAndReadBack() {
        String body = "{\"widgets\":[{\"type\":\"text\",\"properties\":{\"markdown\":\"hi\"}}]}";

        assertThatThrownBy(() -> cloudWatch.getDashboard(r -> r.dashboardName("ecs-deploy-prod")))
                .isInstanceOf(DashboardNotFoundErrorException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(404));
        assertThat(cloudWatch.putDashboard(r -> r.dashboardName("ecs-deploy-prod").dashboardBody(body))
                .dashboardValidationMessages()).isEmpty();

        GetDashboardResponse read = cloudWatch.getDashboard(r -> r.dashboardName("ecs-deploy-prod"));
        assertThat(read.dashboardBody()).isEqualTo(body);
        assertThat(read.dashboardArn()).isEqualTo("arn:aws:cloudwatch::123456789012:dashboard/ecs-deploy-prod");
        assertThat(aws.dashboard("ecs-deploy-prod")).isEqualTo(body);
        assertThat(aws.calls("PutDashboard").get(0).param("DashboardBody")).isEqualTo(body);
        assertThatThrownBy(() -> cloudWatch.putDashboard(r -> r.dashboardName("x").dashboardBody("{\"w\":1}")))
                .isInstanceOf(DashboardInvalidInputErrorException.class);
        assertThatThrownBy(() -> cloudWatch.putDashboard(r -> r.dashboardName("prod.web").dashboardBody(body)))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
        assertThat(aws.dashboard("x")).isNull();
    }

    @Test
    void describesAlarmsInTheStatesTheTestSet() {
        aws.alarm("web-5xx", "ALARM");
        aws.alarm("web-latency", "OK");
        aws.alarm("other", "ALARM");

        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames("web-5xx", "web-latency", "missing"))
                .metricAlarms();
        assertThat(alarms).extracting(MetricAlarm::alarmName, MetricAlarm::stateValueAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web-5xx", "ALARM"),
                        org.assertj.core.groups.Tuple.tuple("web-latency", "OK"));
        assertThatThrownBy(() -> aws.alarm("x", "RED")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OK, ALARM or INSUFFICIENT_DATA");
    }
}
