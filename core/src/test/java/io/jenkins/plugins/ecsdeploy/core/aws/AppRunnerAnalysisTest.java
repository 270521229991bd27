package io.jenkins.plugins.ecsdeploy.core.aws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.APP_RUNNER_GREEN_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.MetricVerdict;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Canaries of App Runner slots judged on App Runner's own CloudWatch metrics (AWS/AppRunner, by ServiceName and
 * ServiceID), served by the fake CloudWatch at the wire: a green service answering 5xx rolls back, a healthy one is
 * promoted, and no data follows the no-data policy.
 */
class AppRunnerAnalysisTest {

    private static final String GREEN_ID = APP_RUNNER_GREEN_ARN.substring(APP_RUNNER_GREEN_ARN.lastIndexOf('/') + 1);

    @RegisterExtension
    final FakeAwsRuns fake = new FakeAwsRuns();

    @Test
    void aGreenServiceAnswering5xxRollsTheCanaryBackOnItsOwnMetrics() {
        traffic("api-blue", 9000, 0, 120, 250);
        traffic("api-green", 1000, 200, 130, 260);

        DeploymentState s = canary("analysis: {interval: 60s, minRequests: 10}\n");

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        MetricVerdict errorRate = verdict(s, "errorRate");
        assertThat(errorRate.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(errorRate.canary()).isEqualTo(20.0);
        assertThat(errorRate.stable()).isEqualTo(0.0);
        // The failed service is paused once the weights are verified back on blue; never deleted.
        assertThat(fake.aws.calls("PauseService")).singleElement().satisfies(c -> assertThat(c.body())
                .contains(APP_RUNNER_GREEN_ARN));
        assertThat(fake.aws.calls("DeleteService")).isEmpty();
        assertThat(s.getRecord().getOutcomeMessage()).contains("api-green is being paused");
        Map<String, String> green5xx = firstQueries().get("green_errors5xx");
        assertThat(green5xx).containsEntry("MetricStat.Metric.Namespace", "AWS/AppRunner")
                .containsEntry("MetricStat.Metric.MetricName", "5xxStatusResponses")
                .containsEntry("MetricStat.Stat", "Sum")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Name", "ServiceName")
                .containsEntry("MetricStat.Metric.Dimensions.member.1.Value", "api-green")
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Name", "ServiceID")
                .containsEntry("MetricStat.Metric.Dimensions.member.2.Value", GREEN_ID);
    }

    @Test
    void aHealthyGreenServiceIsPromotedWithLatencyInMillisecondsAndHealthFromItsStatus() {
        traffic("api-blue", 9000, 9, 120, 250);
        traffic("api-green", 1000, 1, 130, 260);

        DeploymentState s = canary("analysis: {interval: 60s, minRequests: 10, maxP99Millis: 1000,"
                + " maxLatencyIncreasePercent: 50}\n");

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(verdict(s, "p99").canary()).isEqualTo(260.0);
        assertThat(verdict(s, "relativeP99").verdict()).isEqualTo(Verdict.PASS);
        MetricVerdict hosts = verdict(s, "healthyHosts");
        assertThat(hosts.verdict()).isEqualTo(Verdict.PASS);
        assertThat(hosts.canary()).isEqualTo(1.0);
        // App Runner publishes no target health: no host series is asked for, only the five traffic series.
        assertThat(firstQueries().keySet()).containsExactlyInAnyOrder("blue_requests",
                "blue_errors5xx", "blue_p50", "blue_p95", "blue_p99", "green_requests", "green_errors5xx",
                "green_p50", "green_p95", "green_p99");
    }

    @Test
    void withoutDataAnInconclusivePolicyHoldsTheCanaryAndRollsItBack() {
        DeploymentState s = canary("analysis: {interval: 60s, minRequests: 10, noData: INCONCLUSIVE,"
                + " inconclusiveLimit: 1}\n");

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(s.getRecord().getStages().get(0).getIntervals()).allSatisfy(i -> assertThat(i.verdict())
                .isEqualTo(Verdict.INCONCLUSIVE));
    }

    @Test
    void withoutDataAPassPolicyLetsTheAlarmsAloneGate() {
        DeploymentState s = canary("analysis: {interval: 60s, minRequests: 0, noData: PASS}\n");

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    /** One service's requests, 5xx responses and latency percentiles (milliseconds), every minute. */
    private void traffic(String service, double requests, double errors, double p95, double p99) {
        fake.aws.metrics().appRunner(service, "Requests", "Sum", requests)
                .appRunner(service, "5xxStatusResponses", "Sum", errors)
                .appRunner(service, "RequestLatency", "p50", p95 / 2)
                .appRunner(service, "RequestLatency", "p95", p95)
                .appRunner(service, "RequestLatency", "p99", p99);
    }

    private DeploymentState canary(String analysis) {
        EnvironmentConfig config = ConfigLoader.parse(StandardConfig.APP_RUNNER.replace("${endpoint}",
                fake.aws.endpoint())
                .replace("analysis: {noData: PASS, minRequests: 0}\n", analysis)
                + "health: {pollInterval: 10s, bakeTime: 1m}\n", "test");
        return fake.runs.run(config, DeploymentRequest.deploy("v2.0.0", "alice").withCanaryStages(List.of(10, 100),
                Duration.ofMinutes(2)));
    }

    /** The first judgement of {@code metric} in the first canary stage. */
    private static MetricVerdict verdict(DeploymentState s, String metric) {
        IntervalResult first = s.getRecord().getStages().get(0).getIntervals().get(0);
        return first.metrics().stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow(
                () -> new AssertionError("no " + metric + " in " + first.metrics()));
    }

    /** The queries of the first GetMetricData call, by id. */
    private Map<String, Map<String, String>> firstQueries() {
        return fake.aws.calls("GetMetricData").get(0).members("MetricDataQueries", "Id");
    }
}
