package io.jenkins.plugins.ecsdeploy.core.analysis;

import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.T0;
import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.T1;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.FAIL;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.INCONCLUSIVE;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The metrics of issue 15 as the analyzer judges them: p50, CPU and memory, custom metrics, warn levels, dry runs. */
class CanaryAnalyzerMetricsTest {

    private static AnalysisConfig cfg(String analysis) {
        return ConfigLoader.parse("name: t\nanalysis:\n" + analysis.indent(2), "test").analysis();
    }

    /** 200 requests and 1 error, p50 80 ms, p95 180, p99 240, 2 healthy hosts, CPU 40 %, memory 50 %. */
    private static Map<String, Object> healthy() {
        Map<String, Object> m = new HashMap<>(Map.of("requests", 200.0, "errors", 1.0, "p50", 80.0, "p95", 180.0,
                "p99", 240.0, "cpu", 40.0, "memory", 50.0));
        m.put("custom", Map.of());
        return m;
    }

    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> m = healthy();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static IntervalMetrics m(Map<String, Object> v) {
        return new IntervalMetrics((Double) v.get("requests"), (Double) v.get("errors"), (Double) v.get("p95"),
                (Double) v.get("p99"), 2.0, 0.0, (Double) v.get("p50"), (Double) v.get("cpu"),
                (Double) v.get("memory"), (Map<String, Double>) v.get("custom"));
    }

    private static IntervalResult judge(AnalysisConfig cfg, Map<String, Object> canary, Map<String, Object> stable) {
        return CanaryAnalyzer.evaluate(cfg, m(canary), m(stable), List.of(), T0, T1);
    }

    private static MetricVerdict metric(IntervalResult r, String name) {
        return r.metrics().stream().filter(v -> v.metric().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not judged: " + r.summary()));
    }

    @Test
    void p50IsJudgedBesideP95AndP99OnlyWhenItHasALevel() {
        IntervalResult unchecked = judge(cfg("maxP99Millis: 1000"), with("p50", 900.0), healthy());
        IntervalResult checked = judge(cfg("maxP50Millis: 100\nmaxP50IncreasePercent: 50"), with("p50", 130.0),
                healthy());

        assertThat(unchecked.metrics()).extracting(MetricVerdict::metric).doesNotContain("p50", "relativeP50");
        assertThat(checked.metrics()).extracting(MetricVerdict::metric).containsSubsequence("errorRate", "p50",
                "p99", "healthyHosts", "relativeP50");
        assertThat(metric(checked, "p50").note()).isEqualTo("p50 130 ms > 100 ms");
        assertThat(metric(checked, "p50").unit()).isEqualTo("ms");
        assertThat(metric(checked, "relativeP50").verdict()).isEqualTo(FAIL);
        assertThat(metric(checked, "relativeP50").note())
                .isEqualTo("relativeP50 canary 130 ms > stable 80 ms + 50% = 120 ms");
        assertThat(checked.verdict()).isEqualTo(FAIL);
    }

    @Test
    void relativeP95ComparesWithTheStableSlotsP95() {
        IntervalResult r = judge(cfg("maxP95IncreasePercent: 20"), with("p95", 210.0), healthy());

        MetricVerdict p95 = metric(r, "relativeP95");
        assertThat(p95.verdict()).isEqualTo(PASS);
        assertThat(p95.threshold()).isEqualTo(216.0);
        assertThat(p95.note()).isEqualTo("relativeP95 canary 210 ms ≤ stable 180 ms + 20% = 216 ms");
    }

    @Test
    void errorRateFailsAtFivePercentAndP99OnlyWarnsAtOnePointFiveSeconds() {
        AnalysisConfig cfg = cfg("maxErrorRatePercent: 5\nmaxP99Millis: 3000\nwarn: {p99: 1500}");

        IntervalResult slow = judge(cfg, with("p99", 1620.0), healthy());
        IntervalResult failing = judge(cfg, with("errors", 12.0, "p99", 1620.0), healthy());

        assertThat(slow.verdict()).isEqualTo(PASS);
        MetricVerdict p99 = metric(slow, "p99");
        assertThat(p99.verdict()).isEqualTo(PASS);
        assertThat(p99.warned()).isTrue();
        assertThat(p99.threshold()).isEqualTo(3000.0);
        assertThat(p99.warnThreshold()).isEqualTo(1500.0);
        assertThat(slow.summary()).isEqualTo("PASS: p99 1620 ms > warn 1500 ms (fails above 3000 ms); errorRate 0.5% ≤ "
                + "5.0% (canary 1/200 requests); healthyHosts 2, none unhealthy");
        assertThat(failing.verdict()).isEqualTo(FAIL);
        assertThat(failing.summary()).startsWith("FAIL: errorRate 6.0% > 5.0% (canary 12/200 requests); "
                + "p99 1620 ms > warn 1500 ms");
        assertThat(metric(judge(cfg, healthy(), healthy()), "p99").note())
                .isEqualTo("p99 240 ms ≤ 3000 ms, warn 1500 ms");
    }

    @Test
    void aWarnLevelAloneMeasuresAMetricThatNeverFails() {
        IntervalResult r = judge(cfg("warn: {p50: 100, relativeErrorRate: 1}"), with("p50", 400.0, "errors", 9.0),
                healthy());

        assertThat(r.verdict()).isEqualTo(PASS);
        assertThat(metric(r, "p50").note()).isEqualTo("p50 400 ms > warn 100 ms");
        assertThat(metric(r, "p50").threshold()).isNull();
        assertThat(metric(r, "relativeErrorRate").warned()).isTrue();
        assertThat(metric(r, "relativeErrorRate").note())
                .isEqualTo("relativeErrorRate canary 4.5% > warn stable 0.5% + 1 points");
    }

    @Test
    void cpuAndMemoryAreJudgedAbsoluteAndAgainstTheStableSlotInPoints() {
        AnalysisConfig cfg = cfg("maxCpuPercent: 80\nmaxCpuIncrease: 20\nmaxMemoryPercent: 90\n"
                + "maxMemoryIncrease: 10\nwarn: {cpu: 60}");

        IntervalResult r = judge(cfg, with("cpu", 65.0, "memory", 62.0, "requests", 3.0), healthy());

        assertThat(metric(r, "cpu").warned()).as("judged even on 3 requests").isTrue();
        assertThat(metric(r, "cpu").note()).isEqualTo("cpu 65.0% > warn 60.0% (fails above 80.0%)");
        assertThat(metric(r, "relativeCpu").note()).isEqualTo("relativeCpu canary 65.0% > stable 40.0% + 20 points");
        assertThat(metric(r, "relativeCpu").verdict()).isEqualTo(FAIL);
        assertThat(metric(r, "memory").verdict()).isEqualTo(PASS);
        assertThat(metric(r, "relativeMemory").verdict()).isEqualTo(FAIL);
        assertThat(metric(r, "relativeMemory").threshold()).isEqualTo(60.0);
        assertThat(r.metrics()).extracting(MetricVerdict::metric).containsSubsequence("healthyHosts", "cpu",
                "memory", "relativeMemory");
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void cpuWithoutDataFollowsItsPolicyAndIsNotATrafficMetric(NoDataPolicy policy) {
        AnalysisConfig cfg = cfg("maxCpuPercent: 80\nmaxCpuIncrease: 20\nnoDataPerMetric: {cpu: " + policy
                + ", relativeCpu: " + policy + "}");

        IntervalResult noCpu = judge(cfg, with("cpu", null, "requests", null, "errors", null), healthy());
        IntervalResult noStableCpu = judge(cfg, healthy(), with("cpu", null));

        Verdict expected = Verdict.valueOf(policy.name());
        assertThat(metric(noCpu, "cpu").verdict()).as("no request count does not unprove CPU").isEqualTo(expected);
        assertThat(metric(noCpu, "cpu").note()).isEqualTo("cpu no data → " + policy + " (noData policy)");
        assertThat(metric(noCpu, "relativeCpu").note()).startsWith("relativeCpu (canary) no data");
        assertThat(metric(noStableCpu, "relativeCpu").note())
                .isEqualTo("relativeCpu (stable slot) no data → " + policy + " (noData policy)");
        assertThat(metric(noStableCpu, "relativeCpu").verdict()).isEqualTo(expected);
    }

    @Test
    void aDryRunMetricThatWouldFailIsRecordedAndLeavesTheIntervalPassing() {
        AnalysisConfig cfg = cfg("maxCpuPercent: 80\ndryRun: [cpu]");

        IntervalResult r = judge(cfg, with("cpu", 92.0), healthy());

        assertThat(r.verdict()).isEqualTo(PASS);
        MetricVerdict cpu = metric(r, "cpu");
        assertThat(cpu.verdict()).isEqualTo(FAIL);
        assertThat(cpu.dryRun()).isTrue();
        assertThat(cpu.counts()).isFalse();
        assertThat(cpu.note()).isEqualTo("dry-run (would FAIL): cpu 92.0% > 80.0%");
        assertThat(r.summary()).startsWith("PASS: errorRate").endsWith("; dry-run (would FAIL): cpu 92.0% > 80.0%");
    }

    @Test
    void aDryRunMetricWithoutDataDoesNotMakeTheIntervalInconclusive() {
        IntervalResult r = judge(cfg("maxP50Millis: 100\ndryRun: [p50]"), with("p50", null), healthy());

        assertThat(r.verdict()).isEqualTo(PASS);
        assertThat(metric(r, "p50").verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(metric(r, "p50").note()).isEqualTo("dry-run (would INCONCLUSIVE): p50 no data → INCONCLUSIVE "
                + "(noData policy)");
    }

    @Test
    void customMetricsAreJudgedInTheirDirectionAndAgainstTheStableSlot() {
        AnalysisConfig cfg = cfg("""
                customMetrics:
                  - {name: queueDepth, metric: {namespace: S, metricName: Q, statistic: Maximum, unit: Count},
                     direction: above, fail: 1000, warn: 500, relativeFailPercent: 50}
                  - {name: orders, metric: {namespace: S, metricName: O, statistic: Sum}, direction: below,
                     fail: 10, relativeWarnPercent: 20}
                """);

        IntervalResult r = judge(cfg, with("custom", Map.of("queueDepth", 700.0, "orders", 15.0)),
                with("custom", Map.of("queueDepth", 400.0, "orders", 20.0)));

        assertThat(metric(r, "queueDepth").warned()).isTrue();
        assertThat(metric(r, "queueDepth").unit()).isEqualTo("Count");
        assertThat(metric(r, "queueDepth").note()).isEqualTo("queueDepth 700 > warn 500 (fails above 1000)");
        assertThat(metric(r, "relative:queueDepth").verdict()).isEqualTo(FAIL);
        assertThat(metric(r, "relative:queueDepth").note())
                .isEqualTo("relative:queueDepth canary 700 > stable 400 + 50% = 600");
        assertThat(metric(r, "orders").note()).isEqualTo("orders 15 ≥ 10");
        assertThat(metric(r, "relative:orders").note())
                .isEqualTo("relative:orders canary 15 < warn stable 20 − 20% = 16");
        assertThat(metric(r, "relative:orders").warnThreshold()).isEqualTo(16.0);
        assertThat(r.verdict()).isEqualTo(FAIL);
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void aCustomMetricWithoutDataFollowsItsOwnPolicy(NoDataPolicy policy) {
        AnalysisConfig cfg = cfg("noData: FAIL\ncustomMetrics:\n  - {name: q, metric: {namespace: S, metricName: Q,"
                + " statistic: Sum}, direction: above, fail: 1, noData: " + policy + "}");

        IntervalResult r = judge(cfg, healthy(), healthy());

        assertThat(metric(r, "q").verdict()).isEqualTo(Verdict.valueOf(policy.name()));
        assertThat(metric(r, "q").note()).isEqualTo("q no data → " + policy + " (noData policy)");
    }

    @Test
    void aCustomValueThatIsNotANumberNeverPasses() {
        AnalysisConfig cfg = cfg("customMetrics:\n  - {name: q, metric: {namespace: S, metricName: Q, statistic: "
                + "Sum}, direction: above, fail: 1, noData: PASS}");

        IntervalResult r = judge(cfg, with("custom", Map.of("q", Double.NaN)), healthy());

        assertThat(metric(r, "q").verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(metric(r, "q").note()).contains("is not a number");
    }

    @Test
    void aLevelThatIsNotANumberIsRefusedNamingTheSetting() {
        AnalysisConfig d = AnalysisConfig.defaults();
        AnalysisConfig cfg = new AnalysisConfig(d.interval(), d.maxErrorRatePercent(), null, d.maxP99Millis(),
                d.minRequests(), d.failureLimit(), d.inconclusiveLimit(), d.noData(), null, null, null, null, null,
                null, null, null, null, null, null, Map.of("p99", Double.NaN), null, null);

        assertThatThrownBy(() -> judge(cfg, healthy(), healthy())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analysis.warn.p99");
    }

    @Test
    void theStageReasonSaysWhatTheDryRunWouldHaveDoneAndCountsWarnings() {
        AnalysisConfig cfg = cfg("maxCpuPercent: 80\ndryRun: [cpu]\nmaxP99Millis: 3000\nwarn: {p99: 1500}");
        List<IntervalResult> intervals = List.of(judge(cfg, with("cpu", 92.0, "p99", 1600.0), healthy()),
                judge(cfg, with("cpu", 70.0), healthy()), judge(cfg, with("cpu", 95.0), healthy()));

        assertThat(StageJudge.judge(cfg, intervals, true)).isEqualTo(PASS);
        assertThat(StageJudge.explain(cfg, intervals)).isEqualTo("3 of 3 intervals passed, 0 inconclusive (limit 3), "
                + "0 failed (limit 0); warnings: p99 in 1 of 3 intervals; dry-run cpu: 2 of 3 intervals would have "
                + "failed, which would have failed the stage");
    }

    @Test
    void aStageBecomesOneChartSeriesPerMetric() {
        AnalysisConfig cfg = cfg("maxCpuPercent: 80\ndryRun: [cpu]\nwarn: {p99: 500}");
        StageRecord stage = new StageRecord(0, 10, T0);
        stage.setIntervals(List.of(judge(cfg, with("cpu", 92.0, "p99", 600.0), healthy()),
                judge(cfg, with("cpu", null, "requests", 5.0), healthy())));

        List<StageSeries> series = StageSeries.of(stage);

        assertThat(series).extracting(StageSeries::metric).containsExactly("errorRate", "p99", "healthyHosts", "cpu");
        StageSeries p99 = series.get(1);
        assertThat(p99.unit()).isEqualTo("ms");
        assertThat(p99.canary()).containsExactly(600.0, null);
        assertThat(p99.threshold()).containsExactly(1000.0, 1000.0);
        assertThat(p99.warnThreshold()).containsExactly(500.0, 500.0);
        assertThat(p99.warned()).containsExactly(true, false);
        assertThat(p99.verdicts()).containsExactly(PASS, INCONCLUSIVE);
        StageSeries cpu = series.get(3);
        assertThat(cpu.dryRun()).isTrue();
        assertThat(cpu.verdicts()).containsExactly(FAIL, INCONCLUSIVE);
        assertThat(cpu.times()).containsExactly(T1, T1);
    }
}
