package io.jenkins.plugins.ecsdeploy.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * A real CloudWatch client of the SDK the Jenkins plugin runs with, which speaks Smithy RPC v2 CBOR, against the
 * fake AWS: every call the engine and the dashboard make round-trips, values and timestamps intact.
 */
class CloudWatchCborWireTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final String GREEN = "targetgroup/web-green/bbbbbbbbbbbbbbbb";

    private final FakeAws aws = FakeAws.startStandard();
    private final CloudWatchClient cloudWatch = CborClients.cloudWatch(aws);

    @AfterEach
    void stop() {
        cloudWatch.close();
        aws.close();
    }

    @Test
    void theClientIsANewerSdkWhoseRequestsAreCbor() {
        cloudWatch.describeAlarms(r -> r.alarmNames("web-5xx"));

        assertThat(VersionInfo.SDK_VERSION).as("this module exists to run a CBOR-speaking SDK")
                .isEqualTo("2.42.33");
        LoggedRequest request = aws.server().getAllServeEvents().get(0).getRequest();
        assertThat(request.getUrl()).isEqualTo("/service/GraniteServiceVersion20100801/operation/DescribeAlarms");
        assertThat(request.getHeader("smithy-protocol")).isEqualTo("rpc-v2-cbor");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/cbor");
        assertThat(aws.calls()).extracting(Call::protocol).containsExactly("rpcv2Cbor");
    }

    @Test
    void getMetricDataWithPercentilesAndMetricMath() {
        aws.metrics().samples("green", "TargetResponseTime", t -> new double[] {0.2, 0.1, 0.4, 0.3, 1.6})
                .set("green", "HTTPCode_Target_5XX_Count", "Sum", 6)
                .set("green", "RequestCount", "Sum", t -> t.isBefore(START.plusSeconds(120)) ? 200.0 : null);

        Map<String, MetricDataResult> results = cloudWatch.getMetricData(r -> r.startTime(START)
                .endTime(START.plusSeconds(180)).scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
                        stat("p50", "TargetResponseTime", "p50"), stat("p99", "TargetResponseTime", "p99"),
                        stat("errors", "HTTPCode_Target_5XX_Count", "Sum").toBuilder().returnData(false).build(),
                        stat("requests", "RequestCount", "Sum").toBuilder().returnData(false).build(),
                        MetricDataQuery.builder().id("rate").expression("100 * errors / requests").build()))
                .metricDataResults().stream()
                .collect(Collectors.toMap(MetricDataResult::id, Function.identity()));

        assertThat(results).containsOnlyKeys("p50", "p99", "rate");
        assertThat(results.get("p50").values()).containsExactly(0.3, 0.3, 0.3);
        assertThat(results.get("p99").values()).containsExactly(1.6, 1.6, 1.6);
        assertThat(results.get("p99").timestamps()).containsExactly(START, START.plusSeconds(60),
                START.plusSeconds(120));
        assertThat(results.get("rate").values()).containsExactly(3.0, 3.0);
        assertThat(results.get("rate").statusCodeAsString()).isEqualTo("Complete");
        Call call = aws.calls("GetMetricData").get(0);
        assertThat(call.param("StartTime")).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(call.param("MetricDataQueries.member.5.Expression")).isEqualTo("100 * errors / requests");
        assertThat(call.param("MetricDataQueries.member.3.ReturnData")).isEqualTo("false");
    }

    @Test
    void describeAlarmsReadsTheStates() {
        aws.alarm("web-5xx", "ALARM");
        aws.alarm("web-latency", "OK");

        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames("web-5xx", "web-latency"))
                .metricAlarms();

        assertThat(alarms).extracting(MetricAlarm::alarmName, MetricAlarm::stateValueAsString).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web-5xx", "ALARM"),
                org.assertj.core.groups.Tuple.tuple("web-latency", "OK"));
    }

    @Test
    void dashboardsRoundTripAndAMissingOneIsNotFound() {
        String body = "{\"widgets\":[{\"type\":\"text\",\"properties\":{\"markdown\":\"ü\"}}]}";

        AwsServiceException missing = failure(() -> cloudWatch.getDashboard(r -> r.dashboardName("d")));
        cloudWatch.putDashboard(r -> r.dashboardName("d").dashboardBody(body));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
        assertThat(cloudWatch.getDashboard(r -> r.dashboardName("d")).dashboardBody()).isEqualTo(body);
        assertThat(aws.dashboard("d")).isEqualTo(body);
        assertThatThrownBy(() -> cloudWatch.putDashboard(r -> r.dashboardName("d").dashboardBody("[]")))
                .isInstanceOf(DashboardInvalidInputErrorException.class);
    }

    @Test
    void errorsCarryTheirQueryCodesAndThrottlingIsRetried() {
        aws.inject("DescribeAlarms", Fault.THROTTLING, 1);
        cloudWatch.describeAlarms(r -> r.alarmNames("web-5xx"));
        assertThat(aws.calls("DescribeAlarms")).extracting(Call::fault).containsExactly(Fault.THROTTLING, null);

        aws.inject("DescribeAlarms", Fault.ACCESS_DENIED, 1);
        AwsServiceException denied = failure(() -> cloudWatch.describeAlarms(r -> r.alarmNames("web-5xx")));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage()).contains("cloudwatch:DescribeAlarms");

        AwsServiceException badStat = failure(() -> cloudWatch.getMetricData(r -> r.startTime(START)
                .endTime(START.plusSeconds(60)).metricDataQueries(stat("p", "TargetResponseTime", "P99"))));
        assertThat(badStat.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }

    private static MetricDataQuery stat(String id, String metric, String stat) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(60).stat(stat).metric(m -> m
                .namespace("AWS/ApplicationELB").metricName(metric)
                .dimensions(Dimension.builder().name("TargetGroup").value(GREEN).build()))).build();
    }

    private static AwsServiceException failure(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the call was expected to fail");
    }
}
