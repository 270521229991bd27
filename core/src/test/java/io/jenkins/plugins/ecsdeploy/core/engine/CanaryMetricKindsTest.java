package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.MetricVerdict;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Canaries judged on the metrics of issue 15, at the wire against the fake CloudWatch: p50, ECS CPU and memory,
 * custom metrics and expressions with per-slot placeholders, warn levels and dry runs. Each stage is 3 one-minute
 * intervals; a 10 % stage that passes is followed by the promotion.
 */
class CanaryMetricKindsTest {

    private static final Duration STAGE = Duration.ofMinutes(3);
    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();

    @AfterEach
    void close() {
        h.close();
    }

    /** Both slots healthy: 1000 requests, 2 errors, latency samples with p50 100 ms and p99 200 ms, CPU 40 %. */
    private void healthy() {
        for (String slot : List.of("blue", "green")) {
            h.aws.metrics().set(slot, "RequestCount", "Sum", 1000)
                    .set(slot, "HTTPCode_Target_5XX_Count", "Sum", 2)
                    .samples(slot, "TargetResponseTime", t -> latencies(0.1, 0.2))
                    .set(slot, "HealthyHostCount", "Minimum", 2)
                    .set(slot, "UnHealthyHostCount", "Maximum", 0);
            ecs(slot, "CPUUtilization", 40);
            ecs(slot, "MemoryUtilization", 50);
        }
    }

    /** 100 samples: 50 at {@code p50} seconds and the rest rising to {@code p99} at the 99th. */
    private static double[] latencies(double p50, double p99) {
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            s[i] = i < 50 ? p50 : i < 98 ? (p50 + p99) / 2 : p99;
        }
        return s;
    }

    private void ecs(String slot, String metric, double value) {
        h.aws.metrics().set("AWS/ECS", metric, Map.of("ClusterName", "prod", "ServiceName", "web-" + slot),
                "Average", value);
    }

    private void queueDepth(String slot, Double value) {
        h.aws.metrics().set("Shop", "QueueDepth", Map.of("Service", "web-" + slot, "Slot", slot), "Maximum",
                t -> value);
    }

    private DeploymentState runCanary() {
        return h.run(DeploymentRequest.deploy("v1.2.3", "alice").withCanaryStages(List.of(10, 100), STAGE));
    }

    private static MetricVerdict verdict(DeploymentState s, String metric) {
        return firstStage(s).getIntervals().get(0).metrics().stream().filter(m -> m.metric().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError(metric + " was not judged"));
    }

    private static StageRecord firstStage(DeploymentState s) {
        return s.getRecord().getStages().get(0);
    }

    private void assertRolledBack(DeploymentState s, String why) {
        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains(why);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    private void assertPromoted(DeploymentState s) {
        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void p50AboveItsLimitRollsBack() {
        h.with("analysis:\n  maxP50Millis: 150\n");
        healthy();
        h.aws.metrics().samples("green", "TargetResponseTime", t -> latencies(0.18, 0.3));

        DeploymentState s = runCanary();

        assertRolledBack(s, "p50 180 ms > 150 ms");
        assertThat(firstStage(s).getIntervals()).hasSize(1);
    }

    @Test
    void p50AndP95WithinTheirMarginsOfTheStableSlotPass() {
        h.with("analysis:\n  maxP50IncreasePercent: 20\n  maxP95IncreasePercent: 20\n");
        healthy();
        h.aws.metrics().samples("green", "TargetResponseTime", t -> latencies(0.11, 0.2));

        DeploymentState s = runCanary();

        assertPromoted(s);
        assertThat(verdict(s, "relativeP50").note()).isEqualTo("relativeP50 canary 110 ms ≤ stable 100 ms + 20% = "
                + "120 ms");
        assertThat(verdict(s, "relativeP95").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void cpuAboveItsLimitRollsBackAndTheRecordHasBothSlotsValues() {
        h.with("analysis:\n  maxCpuPercent: 80\n  maxMemoryPercent: 90\n");
        healthy();
        ecs("green", "CPUUtilization", 95);

        DeploymentState s = runCanary();

        assertRolledBack(s, "cpu 95.0% > 80.0%");
        MetricVerdict cpu = verdict(s, "cpu");
        assertThat(cpu.canary()).isEqualTo(95.0);
        assertThat(cpu.stable()).isEqualTo(40.0);
        assertThat(verdict(s, "memory").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void cpuAndMemoryWithinTheirLimitsPassAbsoluteAndRelative() {
        h.with("analysis:\n  maxCpuPercent: 80\n  maxCpuIncrease: 20\n  maxMemoryPercent: 90\n"
                + "  maxMemoryIncrease: 10\n");
        healthy();
        ecs("green", "CPUUtilization", 55);
        ecs("green", "MemoryUtilization", 58);

        DeploymentState s = runCanary();

        assertPromoted(s);
        assertThat(List.of("cpu", "relativeCpu", "memory", "relativeMemory"))
                .allSatisfy(m -> assertThat(verdict(s, m).verdict()).isEqualTo(Verdict.PASS));
    }

    @Test
    void memoryGrowingFasterThanOnTheStableSlotRollsBack() {
        h.with("analysis:\n  maxMemoryIncrease: 10\n");
        healthy();
        ecs("green", "MemoryUtilization", 75);

        DeploymentState s = runCanary();

        assertRolledBack(s, "relativeMemory canary 75.0% > stable 50.0% + 10 points");
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void cpuWithoutDataFollowsTheNoDataPolicy(NoDataPolicy policy) {
        h.with("analysis:\n  maxCpuPercent: 80\n  noDataPerMetric: {cpu: " + policy + "}\n");
        healthyWithoutCpu();

        DeploymentState s = runCanary();

        assertThat(verdict(s, "cpu").verdict()).isEqualTo(Verdict.valueOf(policy.name()));
        assertThat(verdict(s, "cpu").note()).isEqualTo("cpu no data → " + policy + " (noData policy)");
        if (policy == NoDataPolicy.PASS) {
            assertPromoted(s);
        } else {
            assertRolledBack(s, "cpu no data");
            boolean fail = policy == NoDataPolicy.FAIL;
            assertThat(firstStage(s).getVerdict()).isEqualTo(fail ? Verdict.FAIL : Verdict.INCONCLUSIVE);
            assertThat(firstStage(s).getIntervals()).hasSize(fail ? 1 : 3);
        }
    }

    private void healthyWithoutCpu() {
        for (String slot : List.of("blue", "green")) {
            h.aws.metrics().set(slot, "RequestCount", "Sum", 1000).set(slot, "TargetResponseTime", "p99", 0.2)
                    .set(slot, "HealthyHostCount", "Minimum", 2).set(slot, "UnHealthyHostCount", "Maximum", 0);
        }
    }

    @Test
    void aCustomMetricReadsEachSlotThroughItsPlaceholdersAndFailsAboveItsLevel() {
        h.with(QUEUE_DEPTH);
        healthy();
        queueDepth("blue", 10.0);
        queueDepth("green", 150.0);

        DeploymentState s = runCanary();

        assertRolledBack(s, "queueDepth 150 > 100");
        MetricVerdict queue = verdict(s, "queueDepth");
        assertThat(queue.canary()).isEqualTo(150.0);
        assertThat(queue.stable()).isEqualTo(10.0);
        assertThat(h.aws.calls("GetMetricData").get(0).params()).containsValues("web-green", "web-blue");
    }

    @Test
    void aCustomMetricBelowItsLevelsPassesAndItsRelativeCheckToo() {
        h.with(QUEUE_DEPTH);
        healthy();
        queueDepth("blue", 40.0);
        queueDepth("green", 50.0);

        DeploymentState s = runCanary();

        assertPromoted(s);
        assertThat(verdict(s, "queueDepth").note()).isEqualTo("queueDepth 50 ≤ 100");
        assertThat(verdict(s, "relative:queueDepth").note())
                .isEqualTo("relative:queueDepth canary 50 ≤ stable 40 + 50% = 60");
    }

    @Test
    void aCustomMetricWorseThanTheStableSlotByMoreThanItsMarginRollsBack() {
        h.with(QUEUE_DEPTH);
        healthy();
        queueDepth("blue", 20.0);
        queueDepth("green", 45.0);

        DeploymentState s = runCanary();

        assertRolledBack(s, "relative:queueDepth canary 45 > stable 20 + 50% = 30");
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void aCustomMetricWithoutDataFollowsItsOwnPolicy(NoDataPolicy policy) {
        h.with(QUEUE_DEPTH.replace("direction: above", "direction: above\n      noData: " + policy));
        healthy();
        queueDepth("blue", 10.0);

        DeploymentState s = runCanary();

        assertThat(verdict(s, "queueDepth").verdict()).isEqualTo(Verdict.valueOf(policy.name()));
        assertThat(verdict(s, "relative:queueDepth").note())
                .isEqualTo("relative:queueDepth (canary) no data → " + policy + " (noData policy)");
        if (policy == NoDataPolicy.PASS) {
            assertPromoted(s);
        } else {
            assertRolledBack(s, "queueDepth no data");
        }
    }

    @Test
    void aMetricMathErrorRateAboveItsLevelRollsBack() {
        h.with("""
                analysis:
                  customMetrics:
                    - name: checkoutErrorRate
                      expression: 100 * FILL(errors, 0) / checkouts
                      metrics:
                        errors: {namespace: Shop, metricName: CheckoutErrors, statistic: Sum, dimensions: {Slot: "{slot}"}}
                        checkouts: {namespace: Shop, metricName: Checkouts, statistic: Sum, dimensions: {Slot: "{slot}"}}
                      direction: above
                      fail: 2
                """);
        healthy();
        for (String slot : List.of("blue", "green")) {
            h.aws.metrics().set("Shop", "Checkouts", Map.of("Slot", slot), "Sum", 400);
        }
        h.aws.metrics().set("Shop", "CheckoutErrors", Map.of("Slot", "green"), "Sum", 12);

        DeploymentState s = runCanary();

        assertRolledBack(s, "checkoutErrorRate 3 > 2");
        assertThat(verdict(s, "checkoutErrorRate").stable()).as("blue has no errors: FILL made it 0").isEqualTo(0.0);
    }

    @Test
    void aDryRunMetricThatWouldFailLeavesTheStagePassingAndSaysSo() {
        h.with(QUEUE_DEPTH.replace("direction: above", "direction: above\n      dryRun: true"));
        healthy();
        queueDepth("blue", 10.0);
        queueDepth("green", 150.0);

        DeploymentState s = runCanary();

        assertPromoted(s);
        StageRecord stage = firstStage(s);
        assertThat(stage.getVerdict()).isEqualTo(Verdict.PASS);
        assertThat(stage.getIntervals()).hasSize(3).allSatisfy(i -> assertThat(i.verdict()).isEqualTo(Verdict.PASS));
        MetricVerdict queue = verdict(s, "queueDepth");
        assertThat(queue.dryRun()).isTrue();
        assertThat(queue.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(queue.note()).isEqualTo("dry-run (would FAIL): queueDepth 150 > 100");
        assertThat(stage.getReason()).contains("dry-run queueDepth: 3 of 3 intervals would have failed, which would "
                + "have failed the stage");
        assertThat(h.log).anyMatch(line -> line.contains("Stage 1 interval 1: PASS")
                && line.contains("dry-run (would FAIL): queueDepth 150 > 100"));
    }

    private static final String TEAM_THRESHOLDS = "analysis:\n  maxErrorRatePercent: 5\n  maxP99Millis: 3000\n"
            + "  warn: {p99: 1500}\n";

    @Test
    void p99AboveOnePointFiveSecondsOnlyWarns() {
        h.with(TEAM_THRESHOLDS);
        healthy();
        h.aws.metrics().samples("green", "TargetResponseTime", t -> latencies(0.3, 1.6));

        DeploymentState s = runCanary();

        assertPromoted(s);
        assertThat(verdict(s, "p99").warned()).isTrue();
        assertThat(verdict(s, "p99").note()).isEqualTo("p99 1600 ms > warn 1500 ms (fails above 3000 ms)");
        assertThat(firstStage(s).getReason()).contains("warnings: p99 in 3 of 3 intervals");
    }

    @Test
    void errorRateAboveFivePercentRollsBackAndThePendingWarningIsInTheReason() {
        h.with(TEAM_THRESHOLDS);
        healthy();
        h.aws.metrics().samples("green", "TargetResponseTime", t -> latencies(0.3, 1.6))
                .set("green", "HTTPCode_Target_5XX_Count", "Sum", 60);

        DeploymentState s = runCanary();

        assertRolledBack(s, "errorRate 6.0% > 5.0% (canary 60/1000 requests)");
        assertThat(s.getRecord().getOutcomeMessage()).contains("p99 1600 ms > warn 1500 ms (fails above 3000 ms)");
    }

    @Test
    void everyMetricOfAnIntervalIsReadInOneGetMetricDataCall() {
        h.with("analysis:\n  maxP50Millis: 300\n  maxCpuPercent: 80\n  maxMemoryIncrease: 10\n"
                + QUEUE_DEPTH.substring("analysis:\n".length()));
        healthy();
        queueDepth("blue", 18.0);
        queueDepth("green", 20.0);

        DeploymentState s = runCanary();

        assertPromoted(s);
        List<IntervalResult> intervals = firstStage(s).getIntervals();
        assertThat(intervals).hasSize(3);
        assertThat(h.aws.calls("GetMetricData")).hasSize(3);
        assertThat(intervals.get(0).metrics()).extracting(MetricVerdict::metric).containsExactly("errorRate", "p50",
                "p99", "healthyHosts", "cpu", "relativeMemory", "queueDepth", "relative:queueDepth");
    }

    private static final String QUEUE_DEPTH = """
            analysis:
              customMetrics:
                - name: queueDepth
                  metric:
                    namespace: Shop
                    metricName: QueueDepth
                    statistic: Maximum
                    dimensions: {Service: "{service}", Slot: "{slot}"}
                  direction: above
                  fail: 100
                  relativeFailPercent: 50
            """;
}
