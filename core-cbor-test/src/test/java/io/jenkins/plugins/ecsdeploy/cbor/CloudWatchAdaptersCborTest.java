package io.jenkins.plugins.ecsdeploy.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.analysis.CanaryAnalyzer;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.MetricVerdict;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards.Action;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDimensions;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchMetrics;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.dashboard.DashboardBody;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Core's CloudWatch adapters, compiled against SDK 2.40.2, running on the CBOR-speaking SDK the Jenkins plugin
 * gets: the canary metrics of every kind read in one call and judged, the alarms, and the dashboard published
 * idempotently.
 */
class CloudWatchAdaptersCborTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static final ResolvedEnvironment ENV = new ResolvedEnvironment(FakeAws.CLUSTER_ARN, FakeAws.BLUE_SERVICE,
            FakeAws.GREEN_SERVICE, FakeAws.BLUE_TARGET_GROUP_ARN, FakeAws.GREEN_TARGET_GROUP_ARN,
            FakeAws.LOAD_BALANCER_ARN, FakeAws.LISTENER_ARN, null, null, null);
    private static final EnvironmentConfig CONFIG = ConfigLoader.parse("""
            name: prod-web
            region: us-east-1
            cluster: prod
            container: app
            slots:
              blue: {service: web-blue, targetGroup: web-blue}
              green: {service: web-green, targetGroup: web-green}
            listener: {loadBalancer: web-alb, port: 443}
            analysis:
              maxP50Millis: 150
              maxCpuPercent: 80
              warn: {p99: 500}
              alarms: [web-5xx]
              customMetrics:
                - name: queueDepth
                  metric: {namespace: Shop, metricName: QueueDepth, statistic: p90, dimensions: {Slot: "{slot}"}}
                  direction: above
                  fail: 100
                  dryRun: true
                - name: checkoutErrorRate
                  expression: 100 * FILL(errors, 0) / checkouts
                  metrics:
                    errors: {namespace: Shop, metricName: CheckoutErrors, statistic: Sum, dimensions: {S: "{service}"}}
                    checkouts: {namespace: Shop, metricName: Checkouts, statistic: Sum, dimensions: {S: "{service}"}}
                  direction: above
                  fail: 2
            """, "env.yaml");

    private final FakeAws aws = FakeAws.startStandard();
    private final CloudWatchClient client = CborClients.cloudWatch(aws);

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    @Test
    void everyMetricKindIsReadInOneCborCallAndJudged() {
        for (String slot : List.of("blue", "green")) {
            aws.metrics().set(slot, "RequestCount", "Sum", 1000).set(slot, "HealthyHostCount", "Minimum", 2)
                    .set(slot, "UnHealthyHostCount", "Maximum", 0)
                    .set("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "prod", "ServiceName", "web-" + slot),
                            "Average", slot.equals("green") ? 85 : 40)
                    .set("Shop", "Checkouts", Map.of("S", "web-" + slot), "Sum", 200);
        }
        aws.metrics().samples("green", "TargetResponseTime", t -> new double[] {0.1, 0.12, 0.6})
                .samples("blue", "TargetResponseTime", t -> new double[] {0.1, 0.1, 0.2})
                .samples("Shop", "QueueDepth", Map.of("Slot", "green"), t -> new double[] {5, 150})
                .set("Shop", "CheckoutErrors", Map.of("S", "web-green"), "Sum", 3);

        Map<Slot, IntervalMetrics> metrics = new CloudWatchMetrics(client, ENV, CONFIG.analysis())
                .fetch(START, START.plusSeconds(60));
        IntervalResult r = CanaryAnalyzer.evaluate(CONFIG.analysis(), metrics.get(Slot.GREEN),
                metrics.get(Slot.BLUE), List.of(), START, START.plusSeconds(60));

        assertThat(aws.calls("GetMetricData")).extracting(Call::protocol).containsExactly("rpcv2Cbor");
        assertThat(r.metrics()).extracting(MetricVerdict::metric, MetricVerdict::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("errorRate", Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("p50", Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("p99", Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("healthyHosts", Verdict.PASS),
                org.assertj.core.groups.Tuple.tuple("cpu", Verdict.FAIL),
                org.assertj.core.groups.Tuple.tuple("queueDepth", Verdict.FAIL),
                org.assertj.core.groups.Tuple.tuple("checkoutErrorRate", Verdict.PASS));
        assertThat(r.summary()).isEqualTo("FAIL: cpu 85.0% > 80.0%; p99 600 ms > warn 500 ms (fails above 1000 ms); "
                + "errorRate 0.0% ≤ 5.0% (canary 0/1000 requests); p50 120 ms ≤ 150 ms; healthyHosts 2, none "
                + "unhealthy; checkoutErrorRate 1.5 ≤ 2; dry-run (would FAIL): queueDepth 150 > 100");
    }

    @Test
    void alarmsAreReadAndAMissingOneIsNamed() {
        aws.alarm("web-5xx", "ALARM");
        CloudWatchMetrics metrics = new CloudWatchMetrics(client, ENV);

        assertThat(metrics.alarmsInAlarm(List.of("web-5xx"))).containsExactly("web-5xx");
        assertThatThrownBy(() -> metrics.alarmsInAlarm(List.of("web-5xx", "web-latncy")))
                .isInstanceOf(AwsFailure.class).hasMessageContaining("CloudWatch alarm 'web-latncy' does not exist");
    }

    @Test
    void theDashboardIsCreatedThenLeftAsItIs() {
        Map<Slot, Map<String, String>> slots = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            slots.put(slot, CloudWatchDimensions.placeholders(ENV, slot));
        }
        String body = DashboardBody.json(CONFIG, slots, ENV.listenerArn());
        CloudWatchDashboards dashboards = new CloudWatchDashboards(client);

        assertThat(dashboards.publish("ecs-deploy-prod-web", body).action()).isEqualTo(Action.CREATED);
        assertThat(dashboards.publish("ecs-deploy-prod-web", body).action()).isEqualTo(Action.UNCHANGED);
        assertThat(dashboards.publish("ecs-deploy-prod-web", body.replace("\"value\":80.0", "\"value\":75.0"))
                .action()).isEqualTo(Action.UPDATED);

        assertThat(aws.calls()).extracting(Call::action).containsExactly("GetDashboard", "PutDashboard",
                "GetDashboard", "GetDashboard", "PutDashboard");
        assertThat(aws.calls()).extracting(Call::protocol).containsOnly("rpcv2Cbor");
        assertThat(aws.dashboard("ecs-deploy-prod-web")).contains("\"value\":75.0");
    }
}
