package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards.Action;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards.Result;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The environment's dashboard, published against the fake CloudWatch: its content, and that a rerun writes nothing. */
class CloudWatchDashboardsTest {

    private final FakeAws aws = FakeAws.startStandard();
    private final AwsClients clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(),
            SdkClients.credentials(), RetrySettings.fast()));

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    private EnvironmentConfig config(String analysis) {
        return ConfigLoader.parse("""
                name: prod.web
                region: us-east-1
                endpointUrl: %s
                cluster: prod
                container: app
                slots:
                  blue: {service: web-blue, targetGroup: web-blue}
                  green: {service: web-green, targetGroup: web-green}
                listener: {loadBalancer: web-alb, port: 443}
                health: {alarms: [web-5xx]}
                analysis:
                """.formatted(aws.endpoint()) + analysis.indent(2), "env.yaml");
    }

    private static final String ANALYSIS = """
            maxErrorRatePercent: 5
            maxP99Millis: 3000
            maxCpuPercent: 80
            warn: {p99: 1500}
            alarms: [web-latency]
            customMetrics:
              - name: queueDepth
                metric: {namespace: Shop, metricName: QueueDepth, statistic: Maximum, dimensions: {Slot: "{slot}"}}
                direction: above
                fail: 100
              - name: checkoutErrorRate
                expression: 100 * errors / checkouts
                metrics:
                  errors: {namespace: Shop, metricName: CheckoutErrors, statistic: Sum, dimensions: {S: "{service}"}}
                  checkouts: {namespace: Shop, metricName: Checkouts, statistic: Sum, dimensions: {S: "{service}"}}
                direction: above
                fail: 2
            """;

    @Test
    void theFirstRunCreatesTheDashboardAndASecondChangesNothing() {
        Result first = CloudWatchDashboards.publish(config(ANALYSIS), clients);
        Result second = CloudWatchDashboards.publish(config(ANALYSIS), clients);

        assertThat(first).isEqualTo(new Result("ecs-deploy-prod-web", Action.CREATED, List.of()));
        assertThat(second).isEqualTo(new Result("ecs-deploy-prod-web", Action.UNCHANGED, List.of()));
        assertThat(aws.calls("GetDashboard")).hasSize(2);
        assertThat(aws.calls("PutDashboard")).hasSize(1);
        assertThat(aws.calls()).extracting(c -> c.action()).filteredOn(a -> a.endsWith("Dashboard"))
                .containsExactly("GetDashboard", "PutDashboard", "GetDashboard");
        assertThat(aws.calls()).extracting(c -> c.action())
                .noneMatch(a -> a.startsWith("Modify") || a.equals("UpdateService") || a.equals("AddTags"));
    }

    @Test
    void aChangedEnvironmentUpdatesTheDashboardOnce() {
        CloudWatchDashboards.publish(config(ANALYSIS), clients);
        String before = aws.dashboard("ecs-deploy-prod-web");

        Result changed = CloudWatchDashboards.publish(config(ANALYSIS.replace("maxCpuPercent: 80",
                "maxCpuPercent: 70")), clients);

        assertThat(changed.action()).isEqualTo(Action.UPDATED);
        assertThat(aws.calls("PutDashboard")).hasSize(2);
        assertThat(aws.dashboard("ecs-deploy-prod-web")).isNotEqualTo(before).contains("\"value\":70.0");
    }

    @Test
    void theBodyShowsBothSlotsTheSplitTheLevelsTheAlarmsAndTheCustomMetrics() throws Exception {
        CloudWatchDashboards.publish(config(ANALYSIS), clients);

        JsonNode body = new ObjectMapper().readTree(aws.dashboard("ecs-deploy-prod-web"));
        List<String> titles = new ArrayList<>();
        body.path("widgets").forEach(w -> titles.add(w.path("properties").path("title").asText()));
        assertThat(titles).containsExactly("", "Requests per slot", "Traffic split (% of requests)",
                "5xx error rate (%)", "Healthy and unhealthy targets", "Latency of blue (s)", "Latency of green (s)",
                "CPU utilization (%)", "Memory utilization (%)", "Alarms", "queueDepth", "checkoutErrorRate");
        JsonNode requests = widget(body, "Requests per slot").path("metrics");
        assertThat(requests.get(0).toString()).isEqualTo("[\"AWS/ApplicationELB\",\"RequestCount\","
                + "\"TargetGroup\",\"targetgroup/web-blue/aaaaaaaaaaaaaaaa\",\"LoadBalancer\","
                + "\"app/web-alb/50dc6c495c0c9188\",{\"label\":\"blue\",\"id\":\"r_blue\"}]");
        assertThat(widget(body, "Traffic split (% of requests)").path("metrics").get(2).get(0).path("expression")
                .asText()).isEqualTo("100 * FILL(s_blue, 0) / (FILL(s_blue, 0) + FILL(s_green, 0))");
        assertThat(widget(body, "5xx error rate (%)").path("annotations").toString())
                .isEqualTo("{\"horizontal\":[{\"label\":\"fail\",\"value\":5.0}]}");
        assertThat(widget(body, "Latency of green (s)").path("annotations").toString())
                .contains("{\"label\":\"p99 fail\",\"value\":3.0}", "{\"label\":\"p99 warn\",\"value\":1.5}");
        assertThat(widget(body, "CPU utilization (%)").path("metrics").get(1).toString())
                .contains("\"ClusterName\",\"prod\",\"ServiceName\",\"web-green\"");
        assertThat(widget(body, "Alarms").path("alarms").toString()).isEqualTo("[\"arn:aws:cloudwatch:us-east-1:"
                + "123456789012:alarm:web-5xx\",\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-latency\"]");
        assertThat(widget(body, "queueDepth").path("metrics").toString())
                .contains("\"Slot\",\"blue\"", "\"Slot\",\"green\"");
        assertThat(widget(body, "checkoutErrorRate").path("metrics").toString())
                .contains("\"S\",\"web-green\"", "\"expression\":\"100 * errors_green / checkouts_green\"");
    }

    @Test
    void badConfigurationIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> CloudWatchDashboards.publish(config("warn: {p99: 5000}"), clients))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("analysis.warn.p99");
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void aDeniedWriteNamesThePermission() {
        aws.inject("PutDashboard", Fault.ACCESS_DENIED, 1);

        assertThatThrownBy(() -> CloudWatchDashboards.publish(config(ANALYSIS), clients))
                .isInstanceOfSatisfying(AwsFailure.class, f -> assertThat(f.isAccessDenied()).isTrue())
                .hasMessageContaining("cloudwatch:PutDashboard");
        assertThat(aws.dashboard("ecs-deploy-prod-web")).isNull();
    }

    private static JsonNode widget(JsonNode body, String title) {
        for (JsonNode w : body.path("widgets")) {
            if (title.equals(w.path("properties").path("title").asText())) {
                return w.path("properties");
            }
        }
        throw new AssertionError("no widget " + title);
    }
}
