package io.jenkins.plugins.ecsdeploy.core.analysis;

import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.T0;
import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.T1;
import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.cfg;
import static io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.sample;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.FAIL;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.INCONCLUSIVE;
import static io.jenkins.plugins.ecsdeploy.core.analysis.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.Cfg;
import io.jenkins.plugins.ecsdeploy.core.analysis.AnalysisFixtures.Sample;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CanaryAnalyzerTest {

    private static final double NAN = Double.NaN;

    static Stream<Arguments> rules() {
        Sample ok = sample();
        return Stream.of(
                arguments("healthy canary passes every check", cfg(), ok, ok, List.of(), PASS,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS)),
                arguments("error rate above the limit fails", cfg(), ok.errors(15.0), ok, List.of(), FAIL,
                        v("errorRate", FAIL, "p99", PASS, "healthyHosts", PASS)),
                arguments("error rate exactly at the limit passes", cfg(), ok.errors(10.0), ok, List.of(), PASS,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS)),
                arguments("no 5xx data next to requests means no errors", cfg(), ok.errors(null), ok, List.of(),
                        PASS, v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS)),
                arguments("p99 above the limit fails", cfg(), ok.p99(1420.0), ok, List.of(), FAIL,
                        v("errorRate", PASS, "p99", FAIL, "healthyHosts", PASS)),
                arguments("p95 is checked only when set, and fails above it", cfg().maxP95(150), ok, ok, List.of(),
                        FAIL, v("errorRate", PASS, "p95", FAIL, "p99", PASS, "healthyHosts", PASS)),
                arguments("no healthy target fails", cfg(), ok.healthy(0.0), ok, List.of(), FAIL,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", FAIL)),
                arguments("an unhealthy target fails", cfg(), ok.unhealthy(1.0), ok, List.of(), FAIL,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", FAIL)),
                arguments("every alarm in ALARM fails", cfg(), ok, ok, List.of("HighLatency", "Errors"), FAIL,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "alarm:HighLatency", FAIL,
                                "alarm:Errors", FAIL)),
                arguments("low traffic: rate and latency inconclusive even at 100% errors", cfg(),
                        ok.requests(12.0).errors(12.0).p99(5000.0), ok, List.of(), INCONCLUSIVE,
                        v("errorRate", INCONCLUSIVE, "p99", INCONCLUSIVE, "healthyHosts", PASS)),
                arguments("low traffic: health is still judged", cfg(), ok.requests(12.0).unhealthy(2.0), ok,
                        List.of(), FAIL, v("errorRate", INCONCLUSIVE, "p99", INCONCLUSIVE, "healthyHosts", FAIL)),
                arguments("low traffic: alarms are still judged", cfg(), ok.requests(3.0), ok, List.of("Errors"),
                        FAIL, v("errorRate", INCONCLUSIVE, "p99", INCONCLUSIVE, "healthyHosts", PASS,
                                "alarm:Errors", FAIL)),
                arguments("minRequests is configurable", cfg().minRequests(5), ok.requests(12.0).errors(null), ok,
                        List.of(), PASS, v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS)),
                arguments("NaN p99 is no data, never a pass", cfg(), ok.p99(NAN), ok, List.of(), INCONCLUSIVE,
                        v("errorRate", PASS, "p99", INCONCLUSIVE, "healthyHosts", PASS)),
                arguments("NaN p99 does not pass even under noData PASS", cfg().noData(NoDataPolicy.PASS),
                        ok.p99(NAN), ok, List.of(), INCONCLUSIVE,
                        v("errorRate", PASS, "p99", INCONCLUSIVE, "healthyHosts", PASS)),
                arguments("infinite p99 is no data", cfg(), ok.p99(Double.POSITIVE_INFINITY), ok, List.of(),
                        INCONCLUSIVE, v("errorRate", PASS, "p99", INCONCLUSIVE, "healthyHosts", PASS)),
                arguments("NaN 5xx count makes the error rate unknown", cfg(), ok.errors(NAN), ok, List.of(),
                        INCONCLUSIVE, v("errorRate", INCONCLUSIVE, "p99", PASS, "healthyHosts", PASS)),
                arguments("NaN request count makes the error rate unknown", cfg(), ok.requests(NAN), ok, List.of(),
                        INCONCLUSIVE, v("errorRate", INCONCLUSIVE, "p99", PASS, "healthyHosts", PASS)),
                arguments("NaN healthy hosts under noData FAIL fails", cfg().noData("healthyHosts",
                        NoDataPolicy.FAIL), ok.healthy(NAN), ok, List.of(), FAIL,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", FAIL)),
                arguments("no canary metrics at all: every metric by the default policy", cfg(), null, ok,
                        List.of(), INCONCLUSIVE,
                        v("errorRate", INCONCLUSIVE, "p99", INCONCLUSIVE, "healthyHosts", INCONCLUSIVE)),
                arguments("per-metric policy overrides the default", cfg().noData(NoDataPolicy.FAIL)
                        .noData("p99", NoDataPolicy.PASS), ok.p99(null), ok, List.of(), PASS,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS)),
                arguments("relative error rate within the margin passes", cfg().errorRateIncrease(3),
                        ok.errors(6.0), ok.requests(1000.0).errors(5.0), List.of(), PASS,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeErrorRate", PASS)),
                arguments("relative error rate beyond the margin fails under a lax absolute limit",
                        cfg().errorRateIncrease(2), ok.errors(8.0), ok.requests(1000.0).errors(5.0), List.of(),
                        FAIL, v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeErrorRate", FAIL)),
                arguments("relative error rate without stable data is inconclusive", cfg().errorRateIncrease(2),
                        ok, ok.requests(null).errors(null), List.of(), INCONCLUSIVE,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeErrorRate", INCONCLUSIVE)),
                arguments("relative error rate against a quiet stable slot is inconclusive",
                        cfg().errorRateIncrease(2), ok, ok.requests(4.0), List.of(), INCONCLUSIVE,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeErrorRate", INCONCLUSIVE)),
                arguments("relative p99 without stable data follows its policy", cfg().latencyIncrease(50)
                        .noData("relativeP99", NoDataPolicy.FAIL), ok, ok.p99(null), List.of(), FAIL,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeP99", FAIL)),
                arguments("relative p99 with NaN stable data is never a pass", cfg().latencyIncrease(50)
                        .noData(NoDataPolicy.PASS), ok, ok.p99(NAN), List.of(), INCONCLUSIVE,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeP99", INCONCLUSIVE)),
                arguments("relative p99 within the allowed increase passes", cfg().latencyIncrease(50),
                        ok.p99(290.0), ok.p99(200.0), List.of(), PASS,
                        v("errorRate", PASS, "p99", PASS, "healthyHosts", PASS, "relativeP99", PASS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void judgesEachRule(String name, Cfg cfg, Sample canary, Sample stable, List<String> alarms, Verdict expected,
            Map<String, Verdict> perMetric) {
        IntervalResult r = CanaryAnalyzer.evaluate(cfg.build(), canary == null ? null : canary.m(), stable.m(),
                alarms, T0, T1);

        assertThat(verdicts(r)).as(r.summary()).containsExactlyEntriesOf(perMetric);
        assertThat(r.verdict()).as(r.summary()).isEqualTo(expected);
        assertThat(r.summary()).startsWith(expected + ": ");
        assertThat(r.alarmsInAlarm()).isEqualTo(alarms);
        assertThat(r.start()).isEqualTo(T0);
        assertThat(r.end()).isEqualTo(T1);
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void missingDataFollowsTheNoDataPolicy(NoDataPolicy policy) {
        // minRequests 0: no request count is then only missing data (see the test below for a minimum).
        AnalysisConfig cfg = cfg().noData(policy).minRequests(0).build();
        IntervalMetrics nothing = new IntervalMetrics(null, null, null, null, null, null);

        IntervalResult r = CanaryAnalyzer.evaluate(cfg, nothing, sample().m(), List.of(), T0, T1);

        Verdict expected = Verdict.valueOf(policy.name());
        assertThat(verdicts(r)).containsExactlyEntriesOf(
                v("errorRate", expected, "p99", expected, "healthyHosts", expected));
        assertThat(r.verdict()).isEqualTo(expected);
        assertThat(r.metrics()).allSatisfy(m -> assertThat(m.note()).contains("no data"));
    }

    @ParameterizedTest
    @EnumSource(NoDataPolicy.class)
    void withoutARequestCountNoDataPassDoesNotPassTheTrafficMetricsWhileAMinimumIsSet(NoDataPolicy policy) {
        AnalysisConfig cfg = cfg().noData(policy).build();
        IntervalMetrics noRequests = sample().requests(null).errors(null).p99(null).m();

        IntervalResult r = CanaryAnalyzer.evaluate(cfg, noRequests, sample().m(), List.of(), T0, T1);

        Verdict traffic = policy == NoDataPolicy.PASS ? Verdict.INCONCLUSIVE : Verdict.valueOf(policy.name());
        assertThat(verdicts(r)).containsExactlyEntriesOf(
                v("errorRate", traffic, "p99", traffic, "healthyHosts", Verdict.PASS));
        assertThat(r.verdict()).isEqualTo(traffic);
        if (policy == NoDataPolicy.PASS) {
            assertThat(r.summary()).contains("not the minimum of 20 requests (minRequests)");
        }
    }

    @Test
    void summaryReadsAsOneLineWithFailuresFirst() {
        IntervalResult r = CanaryAnalyzer.evaluate(cfg().build(), sample().errors(15.0).m(), sample().m(),
                List.of(), T0, T1);

        assertThat(r.summary()).isEqualTo("FAIL: errorRate 7.5% > 5.0% (canary 15/200 requests); "
                + "p99 240 ms ≤ 1000 ms; healthyHosts 2, none unhealthy");
    }

    @Test
    void failedMetricCarriesValuesAndLimit() {
        IntervalResult r = CanaryAnalyzer.evaluate(cfg().build(), sample().p99(1420.0).m(), sample().m(),
                List.of(), T0, T1);

        MetricVerdict p99 = metric(r, "p99");
        assertThat(p99.canary()).isEqualTo(1420.0);
        assertThat(p99.stable()).isEqualTo(240.0);
        assertThat(p99.threshold()).isEqualTo(1000.0);
        assertThat(p99.note()).isEqualTo("p99 1420 ms > 1000 ms");
        assertThat(r.summary()).startsWith("FAIL: p99 1420 ms > 1000 ms; errorRate 0.5% ≤ 5.0%");
    }

    @Test
    void lowTrafficIsSaidOnceWithTheNumbers() {
        IntervalResult r = CanaryAnalyzer.evaluate(cfg().build(), sample().requests(12.0).m(), sample().m(),
                List.of(), T0, T1);

        assertThat(r.summary()).isEqualTo("INCONCLUSIVE: 12 requests < minimum 20; healthyHosts 2, none unhealthy");
        assertThat(metric(r, "errorRate").note()).isEqualTo("errorRate not judged: 12 requests < minimum 20");
    }

    @Test
    void relativeLatencyCatchesARegressionThatTheNoisyAbsoluteLimitMisses() {
        // p99 is allowed up to 1000 ms because the service has slow days; today the stable slot answers in 200 ms.
        AnalysisConfig cfg = cfg().maxP99(1000).latencyIncrease(50).build();

        IntervalResult r = CanaryAnalyzer.evaluate(cfg, sample().p99(480.0).m(), sample().p99(200.0).m(),
                List.of(), T0, T1);

        assertThat(metric(r, "p99").verdict()).isEqualTo(PASS);
        MetricVerdict relative = metric(r, "relativeP99");
        assertThat(relative.verdict()).isEqualTo(FAIL);
        assertThat(relative.threshold()).isEqualTo(300.0);
        assertThat(relative.note()).isEqualTo("relativeP99 canary 480 ms > stable 200 ms + 50% = 300 ms");
        assertThat(r.verdict()).isEqualTo(FAIL);
    }

    @Test
    void relativeErrorRateComparesPercentagePoints() {
        AnalysisConfig cfg = cfg().errorRateIncrease(2).build();

        IntervalResult r = CanaryAnalyzer.evaluate(cfg, sample().errors(8.0).m(),
                sample().requests(1000.0).errors(5.0).m(), List.of(), T0, T1);

        MetricVerdict relative = metric(r, "relativeErrorRate");
        assertThat(relative.canary()).isEqualTo(4.0);
        assertThat(relative.stable()).isEqualTo(0.5);
        assertThat(relative.threshold()).isEqualTo(2.5);
        assertThat(relative.note()).isEqualTo("relativeErrorRate canary 4.0% > stable 0.5% + 2 points");
    }

    @Test
    void missingStableDataIsNeverASilentPass() {
        AnalysisConfig cfg = cfg().latencyIncrease(10).errorRateIncrease(1).build();
        IntervalMetrics noStable = new IntervalMetrics(null, null, null, null, null, null);

        IntervalResult r = CanaryAnalyzer.evaluate(cfg, sample().m(), noStable, List.of(), T0, T1);

        assertThat(metric(r, "relativeP99").note()).isEqualTo("relativeP99 (stable slot) no data → INCONCLUSIVE "
                + "(noData policy)");
        assertThat(metric(r, "relativeErrorRate").verdict()).isEqualTo(INCONCLUSIVE);
        assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
    }

    @Test
    void nanThresholdIsRefusedRatherThanPassingEverything() {
        AnalysisConfig cfg = cfg().maxP99(Double.NaN).build();

        assertThatThrownBy(() -> CanaryAnalyzer.evaluate(cfg, sample().m(), sample().m(), List.of(), T0, T1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analysis.maxP99Millis");
    }

    private static MetricVerdict metric(IntervalResult r, String name) {
        return r.metrics().stream().filter(m -> m.metric().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Verdict> verdicts(IntervalResult r) {
        return r.metrics().stream().collect(Collectors.toMap(MetricVerdict::metric, MetricVerdict::verdict,
                (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, Verdict> v(Object... pairs) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Verdict) pairs[i + 1]);
        }
        return m;
    }
}
