package io.jenkins.plugins.ecsdeploy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysis settings of issue 15: p50, ECS CPU and memory, warn levels, dry runs, and custom metrics and
 * expressions. Read from YAML, written back, and every kind of bad input refused with the field and the fix before
 * anything is asked of AWS.
 */
class AnalysisMetricsConfigTest {

    private static final String ANALYSIS = """
            analysis:
              maxErrorRatePercent: 5
              maxP99Millis: 3000
              maxP50Millis: 300
              maxP50IncreasePercent: 40
              maxP95IncreasePercent: 30
              maxCpuPercent: 85
              maxCpuIncrease: 25
              maxMemoryPercent: 90
              maxMemoryIncrease: 20
              warn: {p99: 1500, errorRate: 2, relativeCpu: 10}
              dryRun: [memory, relativeMemory]
              customMetrics:
                - name: queueDepth
                  metric:
                    namespace: Shop
                    metricName: QueueDepth
                    statistic: Maximum
                    unit: Count
                    dimensions: {Service: "{service}", Slot: "{slot}"}
                  direction: above
                  fail: 1000
                  warn: 500
                  relativeFailPercent: 50
                  noData: PASS
                - name: checkoutErrorRate
                  expression: 100 * FILL(errors, 0) / checkouts
                  metrics:
                    errors: {namespace: Shop, metricName: CheckoutErrors, statistic: Sum, dimensions: {Slot: "{slot}"}}
                    checkouts: {namespace: Shop, metricName: Checkouts, statistic: Sum, dimensions: {Slot: "{slot}"}}
                  direction: above
                  fail: 2
                  dryRun: true
                - name: throughput
                  metric: {namespace: Shop, metricName: Orders, statistic: p10, dimensions: {TG: "{targetGroup}"}}
                  direction: below
                  fail: 10
                  warn: 20
                  relativeWarnPercent: 30
            """;

    private static EnvironmentConfig config(String analysis) {
        return ConfigLoader.parse(TestConfigs.VALID_YAML.substring(0, TestConfigs.VALID_YAML.indexOf("analysis:"))
                + analysis, "env.yaml");
    }

    @Test
    void everyNewSettingIsReadValidatedAndWrittenBack() {
        EnvironmentConfig c = config(ANALYSIS);
        AnalysisConfig a = c.analysis();

        assertThat(ConfigValidator.validate(c)).isEmpty();
        assertThat(a.failLevel("p50")).isEqualTo(300.0);
        assertThat(a.failLevel("relativeP95")).isEqualTo(30.0);
        assertThat(a.failLevel("relativeCpu")).isEqualTo(25.0);
        assertThat(a.warnLevel("p99")).isEqualTo(1500.0);
        assertThat(a.checks("p95")).as("no p95 level set").isFalse();
        assertThat(a.checksCpu()).isTrue();
        assertThat(a.isDryRun("memory")).isTrue();
        assertThat(a.isDryRun("checkoutErrorRate")).isTrue();
        assertThat(a.isDryRun("relative:queueDepth")).isFalse();
        assertThat(a.noDataFor("queueDepth")).isEqualTo(NoDataPolicy.PASS);
        assertThat(a.noDataFor("relative:queueDepth")).isEqualTo(NoDataPolicy.PASS);
        assertThat(a.noDataFor("throughput")).isEqualTo(NoDataPolicy.INCONCLUSIVE);
        CustomMetricConfig queue = a.customMetrics().get(0);
        assertThat(queue.metric().dimensions()).containsExactly(Map.entry("Service", "{service}"),
                Map.entry("Slot", "{slot}"));
        assertThat(queue.direction()).isEqualTo(Direction.ABOVE);
        assertThat(a.customMetrics().get(1).metrics()).containsOnlyKeys("errors", "checkouts");
        assertThat(a.customMetrics().get(2).direction()).isEqualTo(Direction.BELOW);
        assertThat(ConfigLoader.parse(ConfigYaml.write(c), "x")).isEqualTo(c);
        // 7 ALB series, CPU, memory, queueDepth, the expression and its 2 inputs, throughput: per slot.
        assertThat(AnalysisQueries.perInterval(a)).isEqualTo(2 * (7 + 2 + 1 + 3 + 1));
    }

    @Test
    void aConfigurationWithoutTheNewSettingsIsWhatItWasBefore() {
        AnalysisConfig a = TestConfigs.valid().analysis();

        assertThat(a.customMetrics()).isEmpty();
        assertThat(a.warn()).isEmpty();
        assertThat(a.checks("p50")).isFalse();
        assertThat(a.checksCpu()).isFalse();
        assertThat(a.checksMemory()).isFalse();
        assertThat(AnalysisQueries.perInterval(a)).isEqualTo(14);
        assertThat(new AnalysisConfig(null, null, null, null, null, null, null, null, null, null, null, null))
                .isEqualTo(AnalysisConfig.defaults());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                bad("unknown statistic, with the case CloudWatch wants",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: P99}", "direction: above, fail: 1"),
                        "analysis.customMetrics[0].metric.statistic",
                        "'P99' is not a CloudWatch statistic (names are case-sensitive: did you mean 'p99'?)"),
                bad("a statistic CloudWatch does not have",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Median}", "direction: above, "
                                + "fail: 1"),
                        "analysis.customMetrics[0].metric.statistic", "use Sum, Average, Minimum, Maximum"),
                bad("a placeholder that does not exist",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum, dimensions: {Slot: "
                                + "\"svc-{slt}\"}}", "direction: above, fail: 1"),
                        "analysis.customMetrics[0].metric.dimensions.Slot",
                        "unknown placeholder '{slt}' in 'svc-{slt}': use {slot}, {service}, {cluster}, "
                                + "{targetGroup}, {loadBalancer}"),
                bad("a brace that is no placeholder",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum, dimensions: {Slot: "
                                + "\"{slot\"}}", "direction: above, fail: 1"),
                        "analysis.customMetrics[0].metric.dimensions.Slot", "has a brace that is not part of"),
                bad("a threshold without a direction",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum}", "fail: 1"),
                        "analysis.customMetrics[0].direction", "missing: say which side of the threshold is bad"),
                bad("a direction without a threshold",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum}", "direction: below"),
                        "analysis.customMetrics[0]", "no threshold: set fail, warn, relativeFailPercent"),
                bad("a warn level past the fail level",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum}", "direction: below, "
                                + "fail: 10, warn: 5"),
                        "analysis.customMetrics[0].warn", "5 is not above fail (10): with direction below"),
                bad("a relative warn not below the relative fail",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum}", "direction: above, "
                                + "relativeFailPercent: 20, relativeWarnPercent: 20"),
                        "analysis.customMetrics[0].relativeWarnPercent", "20 is not below relativeFailPercent (20)"),
                bad("a fall of all or more",
                        custom("metric: {namespace: Shop, metricName: Q, statistic: Sum}", "direction: below, "
                                + "relativeFailPercent: 100"),
                        "analysis.customMetrics[0].relativeFailPercent", "use 0 or more and below 100 percent"),
                bad("an expression using an id it does not define",
                        custom("expression: '100 * errs / reqs'", "metrics: {errs: {namespace: S, metricName: E, "
                                + "statistic: Sum}}, direction: above, fail: 1"),
                        "analysis.customMetrics[0].expression", "uses 'reqs', which is not one of its metrics (errs)"),
                bad("an input the expression does not use",
                        custom("expression: 'errs * 2'", "metrics: {errs: {namespace: S, metricName: E, statistic: "
                                + "Sum}, reqs: {namespace: S, metricName: R, statistic: Sum}}, direction: above, "
                                + "fail: 1"),
                        "analysis.customMetrics[0].metrics.reqs", "not used by the expression"),
                bad("both a metric and an expression",
                        custom("metric: {namespace: S, metricName: E, statistic: Sum}", "expression: 'm * 2', metrics: "
                                + "{m: {namespace: S, metricName: E, statistic: Sum}}, direction: above, fail: 1"),
                        "analysis.customMetrics[0]", "has both metric and expression"),
                bad("a unit CloudWatch does not know",
                        custom("metric: {namespace: S, metricName: E, statistic: Sum, unit: ms}", "direction: above, "
                                + "fail: 1"),
                        "analysis.customMetrics[0].metric.unit", "'ms' is not a CloudWatch unit"),
                bad("a name that is a built-in metric",
                        "  customMetrics:\n    - {name: p99, metric: {namespace: S, metricName: E, statistic: Sum},"
                                + " direction: above, fail: 1}\n",
                        "analysis.customMetrics[0].name", "'p99' is a built-in metric"),
                bad("a name that cannot be a query id",
                        "  customMetrics:\n    - {name: Queue-Depth, metric: {namespace: S, metricName: E, "
                                + "statistic: Sum}, direction: above, fail: 1}\n",
                        "analysis.customMetrics[0].name", "start with a lowercase letter"),
                bad("a warn level at the fail level", "  warn: {p99: 1000}\n", "analysis.warn.p99",
                        "1000 is not below maxP99Millis (1000)"),
                bad("a warn level for a metric that has none", "  warn: {healthyHosts: 1}\n",
                        "analysis.warn.healthyHosts", "unknown metric 'healthyHosts': warn levels are for errorRate"),
                bad("a warn level out of range", "  warn: {errorRate: 150}\n", "analysis.warn.errorRate",
                        "150 is out of range: use more than 0 and at most 100"),
                bad("a dry run of an unknown metric", "  dryRun: [latency]\n", "analysis.dryRun[0]",
                        "unknown metric 'latency'"),
                bad("a p50 limit above the p99 limit", "  maxP50Millis: 1200\n", "analysis.maxP50Millis",
                        "1200 is above maxP99Millis (1000)"),
                bad("a negative CPU margin", "  maxCpuIncrease: -1\n", "analysis.maxCpuIncrease", "use 0 or more"),
                bad("a memory limit of zero", "  maxMemoryPercent: 0\n", "analysis.maxMemoryPercent",
                        "use a number of percent more than 0"));
    }

    private static Arguments bad(String what, String analysis, String field, String message) {
        return Arguments.of(what, analysis, field, message);
    }

    /** One custom metric named queue, as a YAML flow mapping of what it reads and its levels. */
    private static String custom(String source, String levels) {
        return "  customMetrics:\n    - {name: queue, " + source + ", " + levels + "}\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsOneProblemNamingTheFieldAndTheFix(String what, String analysis, String field, String message) {
        List<ConfigProblem> problems = ConfigValidator.validate(config("analysis:\n" + analysis));

        assertThat(problems).as(problems.toString()).hasSize(1);
        assertThat(problems.get(0).field()).isEqualTo(field);
        assertThat(problems.get(0).message()).contains(message);
    }

    @Test
    void moreQueriesThanOneCallTakesIsRefusedNamingTheCount() {
        // Per slot: 7 ALB series, CPU, and 6 queries for each expression with 5 inputs.
        assertThat(ConfigValidator.validate(config(expressions(40)))).as("2 * (8 + 40 * 6) = 496").isEmpty();

        List<ConfigProblem> problems = ConfigValidator.validate(config(expressions(41)));

        assertThat(problems).extracting(ConfigProblem::field, ConfigProblem::message).containsExactly(tuple(
                "analysis.customMetrics", "508 GetMetricData queries per interval (both slots), more than the 500 "
                        + "one call takes: remove custom metrics or expression inputs"));
    }

    @Test
    void everyProblemOfEveryCustomMetricIsReportedAtOnce() {
        List<ConfigProblem> problems = ConfigValidator.validate(config("analysis:\n  customMetrics:\n"
                + "    - {name: a, metric: {namespace: S, metricName: M, statistic: p999x}, fail: 1}\n"
                + "    - {name: a, metric: {namespace: '', metricName: M, statistic: Sum, dimensions: {D: '{x}'}},"
                + " direction: above}\n"));

        assertThat(problems).extracting(ConfigProblem::field).containsExactly(
                "analysis.customMetrics[0].metric.statistic", "analysis.customMetrics[0].direction",
                "analysis.customMetrics[1].name", "analysis.customMetrics[1].metric.namespace",
                "analysis.customMetrics[1].metric.dimensions.D", "analysis.customMetrics[1]");
    }

    private static String expressions(int count) {
        StringBuilder yaml = new StringBuilder("analysis:\n  maxCpuPercent: 90\n  customMetrics:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("    - name: m").append(i).append("\n      expression: a + b + c + d + e\n      metrics:\n");
            for (String id : List.of("a", "b", "c", "d", "e")) {
                yaml.append("        ").append(id).append(": {namespace: S, metricName: ").append(id)
                        .append(", statistic: Sum}\n");
            }
            yaml.append("      direction: above\n      fail: 1\n");
        }
        return yaml.toString();
    }
}
