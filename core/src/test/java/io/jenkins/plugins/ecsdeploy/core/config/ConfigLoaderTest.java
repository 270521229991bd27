package io.jenkins.plugins.ecsdeploy.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path EXAMPLE = Path.of("../examples/environment.yaml");

    private static List<ConfigProblem> problemsOf(String yaml) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> ConfigLoader.parse(yaml, "test.yaml"));
        assertThat(e).as("expected the YAML to be rejected:%n%s", yaml).isNotNull();
        assertThat(e.getMessage()).startsWith("Invalid configuration in test.yaml");
        return e.problems();
    }

    private static ConfigProblem onlyProblemOf(String yaml) {
        List<ConfigProblem> problems = problemsOf(yaml);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void exampleFileIsReadCompletelyAndIsValid() {
        EnvironmentConfig c = ConfigLoader.load(EXAMPLE);

        assertThat(ConfigValidator.validate(c)).isEmpty();
        assertThat(c.name()).isEqualTo("shop-production");
        assertThat(c.slots().green().targetGroup()).endsWith(":targetgroup/shop-green/73e2d6bc24d8a067");
        assertThat(c.listener().rulePriority()).isEqualTo(10);
        assertThat(c.testListener().port()).isEqualTo(8443);
        assertThat(c.health().bakeTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.health().scaleDownOldAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(c.smokeChecks()).hasSize(2);
        assertThat(c.smokeChecks().get(0).maxLatency()).isEqualTo(Duration.ofMillis(800));
        assertThat(c.smokeChecks().get(0).bodyContains()).isEqualTo("\"status\":\"UP\"");
        assertThat(c.analysis().noDataPerMetric())
                .isEqualTo(Map.of("errorRate", NoDataPolicy.PASS, "healthyHosts", NoDataPolicy.FAIL));
        assertThat(c.analysis().maxLatencyIncreasePercent()).isEqualTo(25.0);
    }

    @Test
    void exampleFileSurvivesARoundTrip() {
        EnvironmentConfig c = ConfigLoader.load(EXAMPLE);

        String yaml = ConfigYaml.write(c);

        assertThat(ConfigLoader.parse(yaml, "exported.yaml")).isEqualTo(c);
        assertThat(yaml).contains("bakeTime: 10m").contains("maxLatency: 800ms").doesNotContain("PT");
    }

    @Test
    void roundTripKeepsSubMillisecondDurationsAndDefaults() {
        EnvironmentConfig c = TestConfigs.with("health.bakeTime", "PT0.0005S");

        assertThat(ConfigLoader.parse(ConfigYaml.write(c), "x")).isEqualTo(c);
    }

    @Test
    void defaultsAreAppliedToWhatIsLeftOut() {
        EnvironmentConfig c = ConfigLoader.parse("""
                name: minimal
                smokeChecks:
                  - url: http://localhost/health
                """, "minimal.yaml");

        assertThat(c.health()).isEqualTo(HealthConfig.defaults());
        assertThat(c.health().readinessTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.health().scaleDownOldAfter()).isNull();
        assertThat(c.analysis()).isEqualTo(AnalysisConfig.defaults());
        assertThat(c.analysis().interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.analysis().noDataFor("p99")).isEqualTo(NoDataPolicy.INCONCLUSIVE);
        SmokeCheckConfig check = c.smokeChecks().get(0);
        assertThat(check.expectedStatus()).isEqualTo(200);
        assertThat(check.retries()).isEqualTo(3);
        assertThat(check.retryDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(check.versionInBody()).isFalse();
        assertThat(c.testListener()).isNull();
    }

    @Test
    void emptySectionsGetDefaultsToo() {
        EnvironmentConfig c = ConfigLoader.parse("name: a\nhealth:\nanalysis: {}\n", "x");

        assertThat(c.health()).isEqualTo(HealthConfig.defaults());
        assertThat(c.analysis()).isEqualTo(AnalysisConfig.defaults());
    }

    @Test
    void unknownFieldIsNamedWithTheValidOnes() {
        ConfigProblem p = onlyProblemOf("name: a\nhealth:\n  bakeTme: 5m\n");

        assertThat(p.field()).isEqualTo("health.bakeTme");
        assertThat(p.message()).startsWith("unknown field 'bakeTme' at health: valid fields are readinessTimeout, "
                + "pollInterval, bakeTime, alarms, scaleDownOldAfter; did you mean 'bakeTime'?");
        assertThat(p.message()).contains("line 3");
    }

    @Test
    void everyUnknownFieldIsReportedAtOnceWhereverItIs() {
        List<ConfigProblem> problems = problemsOf("""
                nmae: a
                slots:
                  blue: {service: s, targetGroup: t, weight: 5}
                smokeChecks:
                  - url: http://x/
                  - url: http://y/
                    header: {a: b}
                    retires: [1]
                """);

        assertThat(problems).extracting(ConfigProblem::field)
                .containsExactly("nmae", "slots.blue.weight", "smokeChecks[1].header", "smokeChecks[1].retires");
        assertThat(problems.get(0).message()).contains("at the top level").contains("did you mean 'name'?");
        assertThat(problems.get(3).message()).contains("did you mean 'retries'?");
    }

    @Test
    void badDurationNamesItsPathAndTheAcceptedForms() {
        ConfigProblem p = onlyProblemOf("name: a\nhealth:\n  bakeTime: five\n");

        assertThat(p.toString()).startsWith("health.bakeTime: cannot read duration 'five': write it like 90s, 5m, "
                + "1h30m");
        assertThat(p.message()).contains("(line 3, column 13)");
    }

    @Test
    void bareNumberIsNotADuration() {
        assertThat(onlyProblemOf("smokeChecks:\n  - url: http://x/\n    maxLatency: 500\n").field())
                .isEqualTo("smokeChecks[0].maxLatency");
    }

    @Test
    void wrongTypesNameThePathAndTheExpectedType() {
        assertThat(onlyProblemOf("listener:\n  port: https\n").toString())
                .startsWith("listener.port: cannot read 'https' as a whole number");
        assertThat(onlyProblemOf("listener:\n  port: 80.5\n").toString())
                .startsWith("listener.port: cannot read '80.5' as a whole number");
        assertThat(onlyProblemOf("listener:\n  port: 99999999999\n").toString())
                .startsWith("listener.port: the number is too large for a whole number");
        assertThat(onlyProblemOf("slots: [blue, green]\n").toString())
                .startsWith("slots: expected a mapping with the fields kind, blue, green");
        assertThat(onlyProblemOf("analysis:\n  noData: maybe\n").toString())
                .startsWith("analysis.noData: cannot read 'maybe': use one of PASS, FAIL, INCONCLUSIVE");
        assertThat(onlyProblemOf("health:\n  bakeTime: [5m]\n").toString())
                .startsWith("health.bakeTime: expected a duration like 90s");
    }

    @Test
    void noDataPolicyIgnoresCase() {
        assertThat(ConfigLoader.parse("analysis:\n  noData: fail\n", "x").analysis().noData())
                .isEqualTo(NoDataPolicy.FAIL);
    }

    @Test
    void emptyListEntriesAreRejectedNotTurnedIntoNulls() {
        assertThat(onlyProblemOf("health:\n  alarms: [a, ~]\n").field()).isEqualTo("health.alarms[1]");
        assertThat(onlyProblemOf("smokeChecks:\n  -\n").field()).isEqualTo("smokeChecks[0]");
        assertThat(onlyProblemOf("analysis:\n  noDataPerMetric: {p99: }\n").field())
                .isEqualTo("analysis.noDataPerMetric.p99");
    }

    @Test
    void malformedYamlSaysLineAndColumn() {
        ConfigProblem p = onlyProblemOf("name: a\nhealth:\n  bakeTime: 5m\n   pollInterval: 5s\n");

        assertThat(p.message()).startsWith("malformed YAML (line 4, column 16): mapping values are not allowed");
    }

    @Test
    void tabIndentationIsMalformed() {
        assertThat(onlyProblemOf("name: a\nhealth:\n\tbakeTime: 5m\n").message())
                .startsWith("malformed YAML (line 3, column 1)").contains("TAB");
    }

    @Test
    void duplicateKeysAreRejectedInsteadOfTheLastOneWinning() {
        ConfigProblem p = onlyProblemOf("name: a\nregion: eu-west-1\nname: b\n");

        assertThat(p.message()).contains("Duplicate field 'name'").contains("line 3");
    }

    @Test
    void aliasesAreRejectedBecauseJacksonWouldReadTheAnchorName() {
        ConfigProblem p = onlyProblemOf("health:\n  alarms: &a [x]\nanalysis:\n  alarms: *a\n");

        assertThat(p.field()).isEqualTo("analysis.alarms");
        assertThat(p.message()).contains("aliases (*a) are not supported");
    }

    @Test
    void billionLaughsIsRejectedWithoutExpanding() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            String prev = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    List.of(prev, prev, prev, prev, prev, prev, prev, prev, prev))).append("]\n");
        }

        assertThat(problemsOf(bomb.toString())).isNotEmpty();
    }

    @Test
    void documentsThatAreNotOneMappingAreRejected() {
        assertThat(onlyProblemOf("").message()).contains("empty");
        assertThat(onlyProblemOf("# only a comment\n").message()).contains("empty");
        assertThat(onlyProblemOf("- name: a\n").message()).startsWith("expected a mapping of fields (name, region");
        assertThat(onlyProblemOf("just text").toString()).startsWith("(document): expected a mapping");
        assertThat(onlyProblemOf("name: a\n---\nname: b\n").message()).startsWith("more than one YAML document");
    }

    @Test
    void deepNestingIsRejected() {
        assertThat(onlyProblemOf("name: " + "[".repeat(200) + "]".repeat(200)).message()).contains("nest");
    }

    @Test
    void oversizedDocumentIsRejectedBeforeParsing() {
        String huge = "name: a\n" + "# padding\n".repeat(30_000);

        assertThat(onlyProblemOf(huge).message()).contains("larger than 256 KiB");
    }

    @Test
    void loadReportsAMissingFileAsAProblem(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("no such file");
    }

    @Test
    void loadRejectsTextThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigLoader.load(latin1))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void problemPrintsAsFieldColonMessage() {
        assertThat(new ConfigProblem("listener.port", "70000 is not a port: use 1..65535"))
                .hasToString("listener.port: 70000 is not a port: use 1..65535");
    }
}
