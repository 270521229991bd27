package io.jenkins.plugins.ecsdeploy.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchReplies.describeAlarms;
import static io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchReplies.error;
import static io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchReplies.metricAlarm;
import static io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchReplies.metricData;
import static io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchReplies.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The CloudWatch adapter against WireMock speaking the CloudWatch Query protocol, through the real SDK client. */
class CloudWatchMetricsTest {

    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    private static final ResolvedEnvironment ENV = new ResolvedEnvironment(
            "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "web-blue", "web-green",
            PREFIX + "targetgroup/web-blue/1111111111111111", PREFIX + "targetgroup/web-green/2222222222222222",
            PREFIX + "loadbalancer/app/web/3333333333333333",
            PREFIX + "listener/app/web/3333333333333333/4444444444444444", null, null, null);
    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant END = Instant.parse("2026-11-23T12:01:00Z");

    private WireMockServer wire;
    private CloudWatchClient client;
    private CloudWatchMetrics metrics;

    @BeforeEach
    void start() {
        wire = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        client = CloudWatchClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + wire.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLETEST", SECRET_KEY)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.retryImmediately())
                        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                        .build()))
                .build();
        metrics = new CloudWatchMetrics(client, ENV);
    }

    @AfterEach
    void stop() {
        client.close();
        wire.stop();
    }

    @Test
    void fetchesBothSlotsInOneCallWithTheAlbDimensionsAndStatistics() {
        wire.stubFor(action("GetMetricData").willReturn(xml(metricData(null,
                series("blue_requests", 100, 50), series("blue_errors5xx"), series("blue_p95", 0.18),
                series("blue_p99", 0.24, 0.31), series("blue_healthy", 3, 2), series("blue_unhealthy", 0, 1),
                series("green_requests", 400), series("green_errors5xx", 2), series("green_p95", 0.1),
                series("green_p99", 0.2), series("green_healthy", 4), series("green_unhealthy", 0)))));

        Map<Slot, IntervalMetrics> result = metrics.fetch(START, END);

        assertThat(result.get(Slot.BLUE)).isEqualTo(new IntervalMetrics(150.0, null, 180.0, 310.0, 2.0, 1.0));
        assertThat(result.get(Slot.GREEN)).isEqualTo(new IntervalMetrics(400.0, 2.0, 100.0, 200.0, 4.0, 0.0));

        List<LoggedRequest> calls = requests("GetMetricData");
        assertThat(calls).hasSize(1);
        Map<String, String> form = form(calls.get(0));
        assertThat(form).containsEntry("Version", "2010-08-01")
                .containsEntry("StartTime", "2026-11-23T12:00:00Z")
                .containsEntry("EndTime", "2026-11-23T12:01:00Z");
        Map<String, Map<String, String>> queries = queriesById(form);
        assertThat(queries).containsOnlyKeys("blue_requests", "blue_errors5xx", "blue_p50", "blue_p95", "blue_p99",
                "blue_healthy", "blue_unhealthy", "green_requests", "green_errors5xx", "green_p50", "green_p95",
                "green_p99", "green_healthy", "green_unhealthy");
        assertQuery(queries.get("blue_requests"), "RequestCount", "Sum", "targetgroup/web-blue/1111111111111111");
        assertQuery(queries.get("blue_errors5xx"), "HTTPCode_Target_5XX_Count", "Sum",
                "targetgroup/web-blue/1111111111111111");
        assertQuery(queries.get("blue_p50"), "TargetResponseTime", "p50", "targetgroup/web-blue/1111111111111111");
        assertQuery(queries.get("blue_p95"), "TargetResponseTime", "p95", "targetgroup/web-blue/1111111111111111");
        assertQuery(queries.get("green_p99"), "TargetResponseTime", "p99",
                "targetgroup/web-green/2222222222222222");
        assertQuery(queries.get("green_healthy"), "HealthyHostCount", "Minimum",
                "targetgroup/web-green/2222222222222222");
        assertQuery(queries.get("green_unhealthy"), "UnHealthyHostCount", "Maximum",
                "targetgroup/web-green/2222222222222222");
        assertThat(queries.values()).allSatisfy(q -> assertThat(q).containsEntry("MetricStat.Period", "60"));
    }

    @Test
    void noDataPointsAreNullNeverZero() {
        wire.stubFor(action("GetMetricData").willReturn(xml(metricData(null, series("blue_requests"),
                series("blue_p99"), series("green_healthy")))));

        Map<Slot, IntervalMetrics> result = metrics.fetch(START, END);

        IntervalMetrics none = new IntervalMetrics(null, null, null, null, null, null);
        assertThat(result).containsEntry(Slot.BLUE, none).containsEntry(Slot.GREEN, none);
    }

    @Test
    void followsNextTokenAndCombinesThePages() {
        wire.stubFor(action("GetMetricData").withRequestBody(containing("NextToken=page-2")).atPriority(1)
                .willReturn(xml(metricData(null, series("blue_requests", 30), series("blue_p99", 0.9)))));
        wire.stubFor(action("GetMetricData").atPriority(2).willReturn(xml(metricData("page-2",
                series("blue_requests", "PartialData", 70), series("blue_p99", "PartialData", 0.2)))));

        IntervalMetrics blue = metrics.fetch(START, END).get(Slot.BLUE);

        assertThat(blue.requests()).isEqualTo(100.0);
        assertThat(blue.p99Millis()).isEqualTo(900.0);
        List<LoggedRequest> calls = requests("GetMetricData");
        assertThat(calls).hasSize(2);
        assertThat(form(calls.get(0))).doesNotContainKey("NextToken");
        assertThat(form(calls.get(1))).containsEntry("NextToken", "page-2");
    }

    @ParameterizedTest(name = "{0} s interval → period {1}")
    @CsvSource({"30, 60", "60, 60", "61, 120", "90, 120", "300, 300"})
    void periodCoversTheIntervalInWholeMinutes(long seconds, String period) {
        wire.stubFor(action("GetMetricData").willReturn(xml(metricData(null))));

        metrics.fetch(START, START.plusSeconds(seconds));

        Map<String, String> form = form(requests("GetMetricData").get(0));
        assertThat(queriesById(form).values()).allSatisfy(q -> assertThat(q).containsEntry("MetricStat.Period",
                period));
    }

    @Test
    void throttlingIsRetriedByTheSdk() {
        wire.stubFor(action("GetMetricData").inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                        .withBody(error("Throttling", "Rate exceeded")))
                .willSetStateTo("calm"));
        wire.stubFor(action("GetMetricData").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(xml(metricData(null, series("green_requests", 42)))));

        Map<Slot, IntervalMetrics> result = metrics.fetch(START, END);

        assertThat(result.get(Slot.GREEN).requests()).isEqualTo(42.0);
        assertThat(requests("GetMetricData")).hasSize(2);
    }

    @Test
    void accessDeniedNamesThePermissionToGrantAndNoSecret() {
        wire.stubFor(action("GetMetricData").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/xml")
                .withBody(error("AccessDenied", "User: arn:aws:iam::123456789012:user/ci is not authorized"))));

        assertThatThrownBy(() -> metrics.fetch(START, END))
                .isInstanceOfSatisfying(AwsFailure.class, f -> {
                    assertThat(f.isAccessDenied()).isTrue();
                    assertThat(f.operation()).isEqualTo("GetMetricData");
                    assertThat(f.errorCode()).isEqualTo("AccessDenied");
                })
                .hasMessageContaining("AWS denied cloudwatch:GetMetricData")
                .hasMessageContaining("user/ci is not authorized")
                .message().doesNotContain(SECRET_KEY);
        assertThat(requests("GetMetricData")).hasSize(1);
    }

    @Test
    void aForbiddenSeriesIsAFailureNotMissingData() {
        wire.stubFor(action("GetMetricData").willReturn(xml(metricData(null, series("blue_requests", "Forbidden")))));

        assertThatThrownBy(() -> metrics.fetch(START, END))
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.isAccessDenied()).isTrue())
                .hasMessageContaining("Forbidden for blue_requests");
    }

    @Test
    void unreachableCloudWatchIsAnAwsFailure() {
        wire.stubFor(action("GetMetricData").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> metrics.fetch(START, END))
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.errorCode()).isNull())
                .hasMessageContaining("Could not complete cloudwatch:GetMetricData");
    }

    @Test
    void intervalMustEndAfterItStarts() {
        assertThatThrownBy(() -> metrics.fetch(END, START)).isInstanceOf(IllegalArgumentException.class);
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void alarmsInAlarmAreReturnedInTheOrderAsked() {
        wire.stubFor(action("DescribeAlarms").willReturn(xml(describeAlarms(
                metricAlarm("web-5xx", "OK") + metricAlarm("web-latency", "ALARM"),
                metricAlarm("web-composite", "ALARM")))));

        List<String> firing = metrics.alarmsInAlarm(List.of("web-composite", "web-5xx", "web-latency"));

        assertThat(firing).containsExactly("web-composite", "web-latency");
        List<LoggedRequest> calls = requests("DescribeAlarms");
        assertThat(calls).hasSize(1);
        assertThat(form(calls.get(0))).containsEntry("AlarmNames.member.1", "web-composite")
                .containsEntry("AlarmNames.member.2", "web-5xx")
                .containsEntry("AlarmNames.member.3", "web-latency")
                .containsEntry("AlarmTypes.member.1", "MetricAlarm")
                .containsEntry("AlarmTypes.member.2", "CompositeAlarm");
    }

    @Test
    void anAlarmThatDoesNotExistIsNamed() {
        wire.stubFor(action("DescribeAlarms").willReturn(xml(describeAlarms(metricAlarm("web-5xx", "OK"), ""))));

        assertThatThrownBy(() -> metrics.alarmsInAlarm(List.of("web-5xx", "web-latncy")))
                .isInstanceOf(AwsFailure.class)
                .hasMessageContaining("CloudWatch alarm 'web-latncy' does not exist")
                .hasMessageContaining("fix the names in health.alarms or analysis.alarms");
    }

    @Test
    void moreThan100AlarmsAreAskedFor100AtATime() {
        List<String> names = IntStream.rangeClosed(1, 150).mapToObj(i -> "alarm-" + i).toList();
        StringBuilder all = new StringBuilder();
        names.forEach(n -> all.append(metricAlarm(n, n.equals("alarm-120") ? "ALARM" : "OK")));
        wire.stubFor(action("DescribeAlarms").willReturn(xml(describeAlarms(all.toString(), ""))));

        assertThat(metrics.alarmsInAlarm(names)).containsExactly("alarm-120");

        List<LoggedRequest> calls = requests("DescribeAlarms");
        assertThat(calls).hasSize(2);
        assertThat(form(calls.get(0))).containsEntry("AlarmNames.member.100", "alarm-100")
                .doesNotContainKey("AlarmNames.member.101");
        assertThat(form(calls.get(1))).containsEntry("AlarmNames.member.1", "alarm-101")
                .containsEntry("AlarmNames.member.50", "alarm-150")
                .doesNotContainKey("AlarmNames.member.51");
    }

    @Test
    void noAlarmsConfiguredMeansNoCall() {
        assertThat(metrics.alarmsInAlarm(List.of())).isEmpty();
        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void describeAlarmsDeniedNamesItsPermission() {
        wire.stubFor(action("DescribeAlarms").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "text/xml").withBody(error("AccessDenied", "not authorized"))));

        assertThatThrownBy(() -> metrics.alarmsInAlarm(List.of("web-5xx")))
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.isAccessDenied()).isTrue())
                .hasMessageContaining("AWS denied cloudwatch:DescribeAlarms");
    }

    @Test
    void aNonAlbLoadBalancerIsRefusedBeforeAnyCall() {
        ResolvedEnvironment nlb = new ResolvedEnvironment(ENV.clusterArn(), "a", "b", ENV.blueTargetGroupArn(),
                ENV.greenTargetGroupArn(), PREFIX + "loadbalancer/net/web/3333333333333333", ENV.listenerArn(),
                null, null, null);

        assertThatThrownBy(() -> new CloudWatchMetrics(client, nlb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loadbalancer/net/web")
                .hasMessageContaining("Application Load Balancer");
    }

    @Test
    void periodRoundsUpPartialSeconds() {
        assertThat(CloudWatchMetrics.periodSeconds(Duration.ofMillis(60_001))).isEqualTo(120);
        assertThat(CloudWatchMetrics.periodSeconds(Duration.ofMillis(1))).isEqualTo(60);
    }

    private static void assertQuery(Map<String, String> q, String metricName, String stat, String targetGroup) {
        assertThat(q).containsEntry("MetricStat.Metric.Namespace", "AWS/ApplicationELB")
                .containsEntry("MetricStat.Metric.MetricName", metricName)
                .containsEntry("MetricStat.Stat", stat)
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Name", "TargetGroup")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Value", targetGroup)
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Name", "LoadBalancer")
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Value", "app/web/3333333333333333")
                .containsEntry("ReturnData", "true");
    }

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private List<LoggedRequest> requests(String action) {
        return wire.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** {@code MetricDataQueries.member.N.X} grouped by each query's Id, keyed by {@code X}. */
    private static Map<String, Map<String, String>> queriesById(Map<String, String> form) {
        Map<String, Map<String, String>> byMember = new TreeMap<>();
        String prefix = "MetricDataQueries.member.";
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String rest = e.getKey().substring(prefix.length());
                int dot = rest.indexOf('.');
                byMember.computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), e.getValue());
            }
        }
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (Map<String, String> q : new ArrayList<>(byMember.values())) {
            byId.put(q.get("Id"), q);
        }
        return byId;
    }
}
