package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.BLUE_SERVICE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.BLUE_TG_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.CLUSTER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.GREEN_SERVICE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.GREEN_TG_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.LB_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.RULE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input of every kind ends in {@link InvalidConfigException} and nothing else; and a valid configuration with
 * one thing broken is rejected with a problem that names what was broken.
 */
class ConfigFuzzTest {

    /** A change to the valid configuration, and the fields a problem must name. */
    record Mutation(String description, UnaryOperator<Map<String, Object>> change, Set<String> fields) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final Map<String, String> ARN_FIELDS = new LinkedHashMap<>();

    static {
        ARN_FIELDS.put("cluster", CLUSTER_ARN);
        ARN_FIELDS.put("slots.blue.service", BLUE_SERVICE_ARN);
        ARN_FIELDS.put("slots.green.service", GREEN_SERVICE_ARN);
        ARN_FIELDS.put("slots.blue.targetGroup", BLUE_TG_ARN);
        ARN_FIELDS.put("slots.green.targetGroup", GREEN_TG_ARN);
        ARN_FIELDS.put("listener.arn", LISTENER_ARN);
        ARN_FIELDS.put("listener.ruleArn", RULE_ARN);
        ARN_FIELDS.put("testListener.loadBalancer", LB_ARN);
    }

    private static final List<String> ONE_ARN_OF_EACH_KIND = List.of(CLUSTER_ARN, BLUE_SERVICE_ARN, BLUE_TG_ARN,
            LB_ARN, LISTENER_ARN, RULE_ARN, LISTENER_ARN.replace("listener/app/", "listener/net/"),
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:7",
            "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-5xx",
            "arn:aws:sqs:eu-west-1:123456789012:shop-queue");

    private static final List<String> DURATION_FIELDS = List.of("health.readinessTimeout", "health.pollInterval",
            "health.bakeTime", "health.scaleDownOldAfter", "smokeChecks[0].maxLatency", "smokeChecks[0].retryDelay",
            "analysis.interval");

    private static final Map<String, Class<?>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("", EnvironmentConfig.class);
        SECTIONS.put("slots", SlotsConfig.class);
        SECTIONS.put("slots.green", SlotConfig.class);
        SECTIONS.put("listener", ListenerConfig.class);
        SECTIONS.put("testListener", ListenerConfig.class);
        SECTIONS.put("health", HealthConfig.class);
        SECTIONS.put("smokeChecks[0]", SmokeCheckConfig.class);
        SECTIONS.put("analysis", AnalysisConfig.class);
    }

    // ---- anything that is not a valid configuration fails only with InvalidConfigException

    @Property(tries = 500)
    void randomTextIsReadOrRejectedCleanly(@ForAll("yamlishText") String text) {
        readOrRejectCleanly(text);
    }

    @Property(tries = 500)
    void damagedValidYamlIsReadOrRejectedCleanly(@ForAll("damagedValidYaml") String text) {
        readOrRejectCleanly(text);
    }

    @Property(tries = 100)
    void deepAndRepetitiveStructuresAreRejectedCleanly(@ForAll("deepStructures") String text) {
        readOrRejectCleanly(text);
    }

    /**
     * Whatever is read validates without crashing and survives a round trip; whatever is refused is refused with
     * problems that say where.
     */
    private static void readOrRejectCleanly(String text) {
        EnvironmentConfig config;
        try {
            config = ConfigLoader.parse(text, "fuzz.yaml");
        } catch (InvalidConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.field()).isNotBlank();
                assertThat(p.message()).isNotBlank();
            });
            return;
        }
        ConfigValidator.validate(config);
        assertThat(ConfigLoader.parse(ConfigLoader.toYaml(config), "round-trip")).isEqualTo(config);
    }

    @Provide
    Arbitrary<String> yamlishText() {
        Arbitrary<String> characters = Arbitraries.strings()
                .withChars(":-[]{},&*!|>'\"#%@`?~. \n\t\\")
                .withCharRange('a', 'e').withCharRange('0', '9')
                .ofMaxLength(200);
        Arbitrary<String> lines = Arbitraries.of("name: a", "region: eu-west-1", "health:", "  bakeTime: 5m",
                        "  bakeTime:", "slots:", "  blue:", "    service: x", "- a", "  - b", "smokeChecks:",
                        "  - url: http://x/", "    retries: 99999999999", "&anchor", "*anchor", "!!str", "!!map",
                        "---", "...", "? key", ": value", "analysis: {noDataPerMetric: {p99: }}", "listener: [",
                        "  port: 0x1F", "  alarms: [a, ~]", "%YAML 1.2", "%TAG ! tag:x,2000:", "key: |", "  text",
                        "unknown: 1", "  : ", "\"quoted", "'single", "name: \"\\u0000\"", "name: \\uD800")
                .list().ofMaxSize(12)
                .map(l -> String.join("\n", l));
        return Arbitraries.oneOf(characters, lines);
    }

    @Provide
    Arbitrary<String> damagedValidYaml() {
        String valid = TestConfigs.VALID_YAML;
        Arbitrary<int[]> edit = Combinators.combine(
                        Arbitraries.integers().between(0, valid.length() - 1),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.chars().with(":-[]{},&*!|>'\"# \n\t0123456789abcxyz"))
                .as((position, kind, c) -> new int[] {position, kind, c});
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            StringBuilder text = new StringBuilder(valid);
            for (int[] e : edits) {
                int at = Math.min(e[0], text.length() - 1);
                switch (e[1]) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, (char) e[2]);
                    default -> text.setCharAt(at, (char) e[2]);
                }
            }
            return text.toString();
        });
    }

    @Provide
    Arbitrary<String> deepStructures() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, 5_000);
        return Arbitraries.oneOf(
                depth.map(n -> "name: " + "[".repeat(n) + "]".repeat(n)),
                depth.map(n -> "name: " + "{a: ".repeat(n) + "}".repeat(n)),
                depth.map(n -> "[".repeat(n)),
                depth.map(ConfigFuzzTest::nestedBlockMapping),
                depth.map(n -> "health:\n  alarms:\n" + "    - a\n".repeat(n)),
                depth.map(n -> "listener:\n  port: 1" + "0".repeat(n)),
                depth.map(n -> "name: " + "x".repeat(n * 60)),
                Arbitraries.integers().between(1, 12).map(ConfigFuzzTest::billionLaughs));
    }

    private static String nestedBlockMapping(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < Math.min(depth, 300); i++) {
            yaml.append(" ".repeat(i)).append("health:\n");
        }
        return yaml.toString();
    }

    private static String billionLaughs(int levels) {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < levels; i++) {
            String previous = "*a" + (i - 1);
            yaml.append('a').append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        return yaml.toString();
    }

    // ---- a valid configuration with one thing broken is rejected, naming what was broken

    @Property(tries = 500)
    void brokenFieldIsRejectedAndNamed(@ForAll("mutations") Mutation mutation) {
        String yaml = TestConfigs.yaml(mutation.change().apply(TestConfigs.validTree()));

        InvalidConfigException e = null;
        try {
            ConfigValidator.requireValid(ConfigLoader.parse(yaml, "mutated.yaml"));
        } catch (InvalidConfigException rejected) {
            e = rejected;
        }

        assertThat(e).as("accepted:%n%s", yaml).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::field).as(e.getMessage()).isNotEmpty()
                .allMatch(mutation.fields()::contains);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Arbitraries.oneOf(wrongArnKind(), wrongArnRegion(), intOutOfRange(), numberOutOfRange(),
                unreadableDuration(), durationOutOfRange(), swappedFields(), unknownField(), wrongShape());
    }

    private static Arbitrary<Mutation> wrongArnKind() {
        return Combinators.combine(Arbitraries.of(ARN_FIELDS.keySet()), Arbitraries.of(ONE_ARN_OF_EACH_KIND))
                .filter((field, arn) -> !kindOf(arn).equals(kindOf(ARN_FIELDS.get(field))))
                .as((field, arn) -> set(field, arn));
    }

    private static Arbitrary<Mutation> wrongArnRegion() {
        return Combinators.combine(Arbitraries.of(ARN_FIELDS.keySet()),
                        Arbitraries.of("us-east-1", "eu-central-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1",
                                "eu-west-2", "EU-WEST-1", ""))
                .as((field, region) -> set(field, ARN_FIELDS.get(field).replace(":eu-west-1:", ":" + region + ":")));
    }

    private static Arbitrary<Mutation> intOutOfRange() {
        return Arbitraries.oneOf(
                outside("testListener.port", 1, 65_535),
                outside("testListener.rulePriority", 1, 50_000),
                outside("smokeChecks[0].expectedStatus", 100, 599),
                outside("smokeChecks[0].retries", 0, 20),
                outside("analysis.failureLimit", 0, 100),
                outside("analysis.inconclusiveLimit", 0, 100),
                Arbitraries.longs().lessOrEqual(-1).map(n -> set("analysis.minRequests", n)));
    }

    private static Arbitrary<Mutation> outside(String field, long min, long max) {
        return Arbitraries.oneOf(Arbitraries.longs().lessOrEqual(min - 1), Arbitraries.longs().greaterOrEqual(max + 1))
                .map(n -> set(field, n));
    }

    private static Arbitrary<Mutation> numberOutOfRange() {
        Arbitrary<Double> nonFinite = Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        Arbitrary<Double> notPositive = Arbitraries.oneOf(Arbitraries.doubles().lessOrEqual(0), nonFinite);
        Arbitrary<Double> negative = Arbitraries.oneOf(Arbitraries.doubles().lessThan(0), nonFinite);
        return Arbitraries.oneOf(
                Arbitraries.oneOf(notPositive, Arbitraries.doubles().greaterThan(100))
                        .map(x -> set("analysis.maxErrorRatePercent", x)),
                notPositive.map(x -> set("analysis.maxP95Millis", x)),
                notPositive.map(x -> set("analysis.maxP99Millis", x)),
                Arbitraries.doubles().between(900, 1e9).filter(x -> x > 900).map(x -> set("analysis.maxP95Millis", x)),
                negative.map(x -> set("analysis.maxErrorRateIncrease", x)),
                negative.map(x -> set("analysis.maxLatencyIncreasePercent", x)));
    }

    private static Arbitrary<Mutation> unreadableDuration() {
        Arbitrary<String> text = Arbitraries.strings().withChars("0123456789smhdPT .-:x,").ofMaxLength(10)
                .filter(ConfigFuzzTest::isNotADuration);
        return Combinators.combine(Arbitraries.of(DURATION_FIELDS), text).as(ConfigFuzzTest::set);
    }

    private static boolean isNotADuration(String text) {
        try {
            DurationText.parse(text);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static Arbitrary<Mutation> durationOutOfRange() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(7_201, 10_000_000).map(s -> set("health.readinessTimeout", s + "s")),
                Arbitraries.longs().between(0, 999).map(ms -> set("health.pollInterval", ms + "ms")),
                Arbitraries.longs().between(5, 100_000).map(m -> set("health.pollInterval", m + "m")),
                Arbitraries.longs().between(49, 100_000).map(h -> set("health.bakeTime", h + "h")),
                Arbitraries.of("0s", "0ms", "PT0S").map(zero -> set("health.bakeTime", zero)),
                Arbitraries.of("0s", "0ms", "PT0S").map(zero -> set("health.readinessTimeout", zero)),
                Arbitraries.of("0s", "0ms").map(zero -> set("smokeChecks[0].maxLatency", zero)),
                Arbitraries.longs().between(0, 100_000).filter(s -> s < 60 || s % 60 != 0)
                        .map(s -> set("analysis.interval", s + "s")));
    }

    private static Arbitrary<Mutation> swappedFields() {
        return Arbitraries.of(
                        List.of("cluster", "listener.arn"),
                        List.of("slots.blue.service", "slots.blue.targetGroup"),
                        List.of("listener.arn", "listener.ruleArn"),
                        List.of("slots.green.targetGroup", "listener.ruleArn"),
                        List.of("cluster", "slots.green.service"),
                        List.of("testListener.loadBalancer", "slots.blue.targetGroup"),
                        List.of("health.bakeTime", "smokeChecks[0].url"),
                        List.of("analysis.interval", "analysis.maxP99Millis"),
                        List.of("smokeChecks[0].expectedStatus", "smokeChecks[0].versionHeader"),
                        List.of("testListener.port", "testListener.loadBalancer"),
                        List.of("name", "region"),
                        List.of("region", "container"))
                .map(pair -> new Mutation("swap " + pair, tree -> {
                    Object first = TestConfigs.get(tree, pair.get(0));
                    Object second = TestConfigs.get(tree, pair.get(1));
                    TestConfigs.set(tree, pair.get(0), second);
                    return TestConfigs.set(tree, pair.get(1), first);
                }, Set.copyOf(pair)));
    }

    private static Arbitrary<Mutation> unknownField() {
        Arbitrary<String> key = Arbitraries.strings().alpha().numeric().withChars("_-").ofMinLength(1).ofMaxLength(15);
        return Combinators.combine(Arbitraries.of(SECTIONS.keySet()), key)
                .filter((section, k) -> Arrays.stream(SECTIONS.get(section).getRecordComponents())
                        .noneMatch(c -> c.getName().equals(k)))
                .as((section, k) -> {
                    String path = section.isEmpty() ? k : section + "." + k;
                    return set(path, "x");
                });
    }

    private static Arbitrary<Mutation> wrongShape() {
        List<String> scalars = List.of("name", "region", "cluster", "container", "slots.blue.service",
                "listener.arn", "testListener.port", "health.bakeTime", "smokeChecks[0].url",
                "smokeChecks[0].versionInBody", "smokeChecks[0].retries", "analysis.maxP99Millis", "analysis.noData");
        Arbitrary<Object> structures = Arbitraries.of(List.of("x"), Map.of("k", "v"), List.of());
        return Combinators.combine(Arbitraries.of(scalars), structures).as(ConfigFuzzTest::set);
    }

    private static Mutation set(String field, Object value) {
        return new Mutation(field + " = " + value, tree -> TestConfigs.set(tree, field, value), Set.of(field));
    }

    /** "ecs:cluster", "elasticloadbalancing:listener-rule": what kind of resource an ARN names. */
    private static String kindOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts[2] + ":" + parts[5].split("[/:]")[0] + (parts[5].contains("/net/") ? "/net" : "");
    }
}
