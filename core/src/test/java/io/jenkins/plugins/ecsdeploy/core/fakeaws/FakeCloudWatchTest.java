package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
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
    void rejectsMetricMathAndReversedTimes() {
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(START).endTime(START.plusSeconds(60))
                .metricDataQueries(MetricDataQuery.builder().id("e").expression("m1 / m2").build())))
                .isInstanceOf(AwsServiceException.class).hasMessageContaining("MetricStat queries only");
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(START).endTime(START)
                .metricDataQueries(query("r", GREEN_DIMENSION, "RequestCount", "Sum", 60))))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
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
