package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisQueries;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Every kind of metric the analysis reads, fetched by the adapter from the fake CloudWatch in one GetMetricData
 * call: what each query asks (namespace, dimensions filled per slot, statistic, unit) and what comes back per slot.
 */
class CloudWatchMetricsKindsTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    private static final ResolvedEnvironment ENV = new ResolvedEnvironment(FakeAws.CLUSTER_ARN, FakeAws.BLUE_SERVICE,
            FakeAws.GREEN_SERVICE, FakeAws.BLUE_TARGET_GROUP_ARN, FakeAws.GREEN_TARGET_GROUP_ARN,
            FakeAws.LOAD_BALANCER_ARN, FakeAws.LISTENER_ARN, null, null, null);
    private static final AnalysisConfig ANALYSIS = ConfigLoader.parse("""
            name: t
            analysis:
              maxCpuPercent: 80
              warn: {relativeMemory: 10}
              customMetrics:
                - name: queueDepth
                  metric:
                    namespace: Shop
                    metricName: QueueDepth
                    statistic: p90
                    unit: Count
                    dimensions: {Service: "{service}", Slot: "{slot}", Cluster: "{cluster}"}
                  direction: above
                  fail: 100
                - name: checkoutErrorRate
                  expression: 100 * FILL(errors, 0) / checkouts
                  metrics:
                    errors: {namespace: Shop, metricName: CheckoutErrors, statistic: Sum,
                             dimensions: {TargetGroup: "{targetGroup}", LoadBalancer: "{loadBalancer}"}}
                    checkouts: {namespace: Shop, metricName: Checkouts, statistic: Sum, dimensions: {Slot: "{slot}"}}
                  direction: above
                  fail: 2
            """, "test").analysis();

    private final FakeAws aws = FakeAws.startStandard();
    private final CloudWatchClient client = SdkClients.cloudWatch(aws);
    private final CloudWatchMetrics metrics = new CloudWatchMetrics(client, ENV, ANALYSIS);

    @AfterEach
    void stop() {
        client.close();
        aws.close();
    }

    @Test
    void everyKindIsReadForBothSlotsInOneCall() {
        aws.metrics().samples("green", "TargetResponseTime", t -> new double[] {0.05, 0.08, 0.09, 0.4})
                .set("AWS/ECS", "CPUUtilization", service("web-green"), "Average", 71.5)
                .set("AWS/ECS", "CPUUtilization", service("web-blue"), "Average", 30.0)
                .set("AWS/ECS", "MemoryUtilization", service("web-green"), "Average", 44.0)
                .samples("Shop", "QueueDepth", Map.of("Service", "web-green", "Slot", "green", "Cluster", "prod"),
                        t -> new double[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 500})
                .set("Shop", "QueueDepth", Map.of("Service", "web-blue", "Slot", "blue", "Cluster", "prod"), "p90", 7)
                .set("Shop", "CheckoutErrors", Map.of("TargetGroup", "targetgroup/web-green/bbbbbbbbbbbbbbbb",
                        "LoadBalancer", "app/web-alb/50dc6c495c0c9188"), "Sum", 3)
                .set("Shop", "Checkouts", Map.of("Slot", "green"), "Sum", 150)
                .set("Shop", "Checkouts", Map.of("Slot", "blue"), "Sum", 600);

        Map<Slot, IntervalMetrics> result = metrics.fetch(START, START.plusSeconds(60));

        IntervalMetrics green = result.get(Slot.GREEN);
        assertThat(green.p50Millis()).isEqualTo(80.0);
        assertThat(green.cpuPercent()).isEqualTo(71.5);
        assertThat(green.memoryPercent()).isEqualTo(44.0);
        assertThat(green.custom()).containsExactly(Map.entry("queueDepth", 90.0),
                Map.entry("checkoutErrorRate", 2.0));
        IntervalMetrics blue = result.get(Slot.BLUE);
        assertThat(blue.cpuPercent()).isEqualTo(30.0);
        assertThat(blue.memoryPercent()).as("no data is null, never zero").isNull();
        assertThat(blue.custom()).as("no CheckoutErrors for blue: FILL makes it 0").containsExactly(
                Map.entry("queueDepth", 7.0), Map.entry("checkoutErrorRate", 0.0));

        assertThat(aws.calls("GetMetricData")).hasSize(1);
        Map<String, Map<String, String>> queries = aws.calls("GetMetricData").get(0).members("MetricDataQueries", "Id");
        assertThat(queries).hasSize(AnalysisQueries.perInterval(ANALYSIS)).containsKeys("blue_cpu", "green_memory",
                "green_x_queueDepth", "green_x_checkoutErrorRate", "green_x_checkoutErrorRate_errors");
        assertThat(queries.get("green_cpu")).containsEntry("MetricStat.Metric.Namespace", "AWS/ECS")
                .containsEntry("MetricStat.Metric.MetricName", "CPUUtilization")
                .containsEntry("MetricStat.Stat", "Average")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Value", "prod")
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Value", "web-green");
        assertThat(queries.get("blue_x_queueDepth")).containsEntry("MetricStat.Stat", "p90")
                .containsEntry("MetricStat.Unit", "Count")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Name", "Service")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Value", "web-blue")
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Value", "blue")
                .containsEntry("MetricStat.Metric.Dimensions.member.3.Value", "prod");
        assertThat(queries.get("green_x_checkoutErrorRate"))
                .containsEntry("Expression", "100 * FILL(green_x_checkoutErrorRate_errors, 0) / "
                        + "green_x_checkoutErrorRate_checkouts")
                .containsEntry("ReturnData", "true");
        assertThat(queries.get("green_x_checkoutErrorRate_errors")).containsEntry("ReturnData", "false")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Value", "targetgroup/web-green/bbbbbbbbbbbbbbbb")
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Value", "app/web-alb/50dc6c495c0c9188");
    }

    @Test
    void withoutChecksOnThemNoEcsOrCustomQueryIsMade() {
        CloudWatchMetrics albOnly = new CloudWatchMetrics(client, ENV);

        albOnly.fetch(START, START.plusSeconds(60));

        assertThat(aws.calls("GetMetricData").get(0).members("MetricDataQueries", "Id"))
                .hasSize(2 * AnalysisQueries.ALB_PER_SLOT)
                .allSatisfy((id, q) -> assertThat(q).containsEntry("MetricStat.Metric.Namespace",
                        "AWS/ApplicationELB"));
        assertThat(CloudWatchMetricsSeries.values()).hasSize(AnalysisQueries.ALB_PER_SLOT);
    }

    private static Map<String, String> service(String name) {
        return Map.of("ClusterName", "prod", "ServiceName", name);
    }
}
