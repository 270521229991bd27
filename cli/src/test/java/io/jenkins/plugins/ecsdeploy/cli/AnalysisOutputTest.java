package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line shows of canary analysis, every metric judged with its verdict and levels under each
 * interval, and the {@code dashboard} command, against the fake AWS.
 */
class AnalysisOutputTest {

    private static final String ANALYSIS = """
            analysis:
              maxErrorRatePercent: 5
              maxP99Millis: 3000
              warn: {p99: 1500}
              customMetrics:
                - name: queueDepth
                  metric: {namespace: Shop, metricName: QueueDepth, statistic: Maximum, dimensions: {Slot: "{slot}"}}
                  direction: above
                  fail: 100
                  dryRun: true
            """;

    @TempDir
    Path dir;
    private CliHarness h;
    private String cfg;

    @BeforeEach
    void start() throws IOException {
        h = new CliHarness(dir);
        Files.writeString(h.config, Files.readString(h.config) + ANALYSIS);
        cfg = h.config.toString();
        for (String slot : List.of("blue", "green")) {
            h.aws.metrics().set(slot, "RequestCount", "Sum", 500).set(slot, "HTTPCode_Target_5XX_Count", "Sum", 2)
                    .set(slot, "TargetResponseTime", "p99", slot.equals("green") ? 1.6 : 0.2)
                    .set(slot, "HealthyHostCount", "Minimum", 2).set(slot, "UnHealthyHostCount", "Maximum", 0)
                    .set("Shop", "QueueDepth", Map.of("Slot", slot), "Maximum", slot.equals("green") ? 150 : 10);
        }
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void eachIntervalListsEveryMetricWithItsVerdictAndLevels() {
        int code = h.run("deploy", "-c", cfg, "--state-dir", dir.resolve("runs").toString(), "--image-tag", "v1.2.3",
                "--stages", "10,100", "--stage-duration", "1m", "--bake-time", "20s");

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.OK);
        assertThat(h.out()).contains("""
                         Stage 1 interval 1: PASS: p99 1600 ms > warn 1500 ms (fails above 3000 ms); errorRate 0.4% \
                ≤ 5.0% (canary 2/500 requests); healthyHosts 2, none unhealthy; dry-run (would FAIL): queueDepth \
                150 > 100
                           PASS         errorRate 0.4% ≤ 5.0% (canary 2/500 requests); stable 0.4%
                           WARN         p99 1600 ms > warn 1500 ms (fails above 3000 ms); stable 200 ms
                           PASS         healthyHosts 2, none unhealthy; stable 2
                           DRY-RUN      dry-run (would FAIL): queueDepth 150 > 100; stable 10
                """);
        assertThat(h.out()).contains("ANALYSE_CANARY -> SHIFT_CANARY  stage at 10% passed\n         Stage 1 at 10% PASS: "
                + "1 of 1 interval passed, 0 inconclusive (limit 3), 0 failed (limit 0); warnings: p99 in 1 of 1 "
                + "intervals; dry-run queueDepth: 1 of 1 intervals would have failed, which would have failed the "
                + "stage\n");
    }

    @Test
    void jsonModeAddsAnIntervalLineWithEveryMetric() {
        int code = h.run("deploy", "-c", cfg, "--state-dir", dir.resolve("runs").toString(), "--image-tag", "v1.2.3",
                "--stages", "10,100", "--stage-duration", "1m", "--bake-time", "20s", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<JsonNode> intervals = h.out().lines().map(AnalysisOutputTest::parse)
                .filter(l -> l.get("type").asText().equals("interval")).toList();
        assertThat(intervals).hasSize(1);
        JsonNode interval = intervals.get(0);
        assertThat(interval.get("stage").asInt()).isEqualTo(1);
        assertThat(interval.get("percent").asInt()).isEqualTo(10);
        assertThat(interval.get("interval").asInt()).isEqualTo(1);
        JsonNode stage = h.out().lines().map(AnalysisOutputTest::parse)
                .filter(l -> l.get("type").asText().equals("stage")).findFirst().orElseThrow();
        assertThat(stage.get("verdict").asText()).isEqualTo("PASS");
        assertThat(stage.get("reason").asText()).contains("dry-run queueDepth: 1 of 1 intervals would have failed");
        JsonNode metrics = interval.get("result").get("metrics");
        assertThat(metrics).extracting(m -> m.get("metric").asText()).containsExactly("errorRate", "p99",
                "healthyHosts", "queueDepth");
        assertThat(metrics.get(1).get("warned").asBoolean()).isTrue();
        assertThat(metrics.get(1).get("warnThreshold").asDouble()).isEqualTo(1500.0);
        assertThat(metrics.get(3).get("dryRun").asBoolean()).isTrue();
        assertThat(metrics.get(3).get("verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void aResumedRunDoesNotPrintTheIntervalsOfTheProcessBeforeIt() throws IOException {
        DeploymentState saved;
        try (InputStream in = getClass().getResourceAsStream("/saved/canary-rolled-back-0.1.0.state.json")) {
            saved = StateJson.readState(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        StringWriter fresh = new StringWriter();
        StringWriter resumed = new StringWriter();

        new TextPrinter(new PrintWriter(fresh)).onProgress(saved, "Stage 2 interval 1: FAIL");
        TextPrinter resuming = new TextPrinter(new PrintWriter(resumed));
        resuming.resuming(saved);
        resuming.onProgress(saved, "Rolling back");

        assertThat(fresh.toString()).as("a record from before units has plain values").contains("  FAIL         "
                + "errorRate 15.0% > 5.0% (canary 150/1000 requests); stable 0.2\n");
        assertThat(fresh.toString().lines().filter(l -> l.contains("healthyHosts"))).hasSize(3);
        assertThat(resumed.toString()).isEqualTo("Resuming d-fixture at FINISHED\n         Rolling back\n");
    }

    @Test
    void dashboardIsCreatedOnceAndThenUpToDate() {
        int first = h.run("dashboard", "-c", cfg);
        String firstOut = h.out();
        int second = h.run("dashboard", "-c", cfg, "--json");

        assertThat(first).as(h.err()).isZero();
        assertThat(firstOut).isEqualTo("Dashboard ecs-deploy-prod-web created\n");
        assertThat(second).isZero();
        JsonNode line = parse(h.out().strip());
        assertThat(line.get("type").asText()).isEqualTo("dashboard");
        assertThat(line.get("action").asText()).isEqualTo("UNCHANGED");
        assertThat(h.aws.calls("PutDashboard")).hasSize(1);
        assertThat(h.aws.dashboard("ecs-deploy-prod-web")).contains("queueDepth");
    }

    @Test
    void dashboardWithABadConfigurationCallsNothing() throws IOException {
        Files.writeString(h.config, Files.readString(h.config).replace("statistic: Maximum", "statistic: max"));

        int code = h.run("dashboard", "-c", cfg);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("analysis.customMetrics[0].metric.statistic: 'max' is not a CloudWatch "
                + "statistic");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void theConsoleLinkFollowsThePartition() {
        assertThat(DashboardCommand.consoleUrl("eu-west-1", "ecs-deploy-shop")).isEqualTo("https://console.aws."
                + "amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/ecs-deploy-shop");
        assertThat(DashboardCommand.consoleUrl("cn-north-1", "d")).startsWith("https://console.amazonaws.cn/");
        assertThat(DashboardCommand.consoleUrl("us-gov-west-1", "d"))
                .startsWith("https://console.amazonaws-us-gov.com/");
    }

    private static JsonNode parse(String line) {
        try {
            return StateJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
