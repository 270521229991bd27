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
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bad input of every kind ends in {@link InvalidConfigException} and nothing else; and a valid configuration with
 * one thing broken is rejected with a problem that names what was broken. Inputs come from a seeded
 * {@link Random}: a failure prints the seed and the input, and {@code -Dfuzz.seed=N} replays it.
 */
class ConfigFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);

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

    @Test
    void randomTextIsReadOrRejectedCleanly() {
        tryMany(500, yamlishText(), ConfigFuzzTest::readOrRejectCleanly);
    }

    @Test
    void damagedValidYamlIsReadOrRejectedCleanly() {
        tryMany(500, damagedValidYaml(), ConfigFuzzTest::readOrRejectCleanly);
    }

    @Test
    void deepAndRepetitiveStructuresAreRejectedCleanly() {
        tryMany(100, deepStructures(), ConfigFuzzTest::readOrRejectCleanly);
    }

    /** Runs {@code check} on {@code tries} inputs; a failure names the seed, the try and the input. */
    private static <T> void tryMany(int tries, Gen<T> inputs, Consumer<T> check) {
        Random random = new Random(SEED);
        for (int i = 0; i < tries; i++) {
            T input = inputs.next(random);
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + SEED + ", try " + i + ", input:\n" + input, e);
            }
        }
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
        assertThat(ConfigLoader.parse(ConfigYaml.write(config), "round-trip")).isEqualTo(config);
    }

    private static Gen<String> yamlishText() {
        Gen<String> characters = Gen.strings(":-[]{},&*!|>'\"#%@`?~. \n\t\\abcde0123456789", 0, 200);
        Gen<String> lines = Gen.of("name: a", "region: eu-west-1", "health:", "  bakeTime: 5m",
                        "  bakeTime:", "slots:", "  blue:", "    service: x", "- a", "  - b", "smokeChecks:",
                        "  - url: http://x/", "    retries: 99999999999", "&anchor", "*anchor", "!!str", "!!map",
                        "---", "...", "? key", ": value", "analysis: {noDataPerMetric: {p99: }}", "listener: [",
                        "  port: 0x1F", "  alarms: [a, ~]", "%YAML 1.2", "%TAG ! tag:x,2000:", "key: |", "  text",
                        "unknown: 1", "  : ", "\"quoted", "'single", "name: \"\\u0000\"", "name: \\uD800")
                .list(0, 12)
                .map(l -> String.join("\n", l));
        return Gen.oneOf(characters, lines);
    }

    private static Gen<String> damagedValidYaml() {
        String valid = TestConfigs.VALID_YAML;
        String alphabet = ":-[]{},&*!|>'\"# \n\t0123456789abcxyz";
        Gen<int[]> edit = r -> new int[] {r.nextInt(valid.length()), r.nextInt(3),
            alphabet.charAt(r.nextInt(alphabet.length()))};
        return edit.list(1, 6).map(edits -> {
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

    private static Gen<String> deepStructures() {
        Gen<Integer> depth = Gen.ints(1, 5_000);
        return Gen.oneOf(
                depth.map(n -> "name: " + "[".repeat(n) + "]".repeat(n)),
                depth.map(n -> "name: " + "{a: ".repeat(n) + "}".repeat(n)),
                depth.map(n -> "[".repeat(n)),
                depth.map(ConfigFuzzTest::nestedBlockMapping),
                depth.map(n -> "health:\n  alarms:\n" + "    - a\n".repeat(n)),
                depth.map(n -> "listener:\n  port: 1" + "0".repeat(n)),
                depth.map(n -> "name: " + "x".repeat(n * 60)),
                Gen.ints(1, 12).map(ConfigFuzzTest::billionLaughs));
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

    @Test
    void brokenFieldIsRejectedAndNamed() {
        tryMany(500, mutations(), mutation -> {
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
        });
    }

    private static Gen<Mutation> mutations() {
        return Gen.oneOf(wrongArnKind(), wrongArnRegion(), intOutOfRange(), numberOutOfRange(),
                unreadableDuration(), durationOutOfRange(), swappedFields(), unknownField(), wrongShape());
    }

    private static Gen<Mutation> wrongArnKind() {
        Gen<List<String>> pairs = r -> List.of(Gen.of(List.copyOf(ARN_FIELDS.keySet())).next(r),
                Gen.of(ONE_ARN_OF_EACH_KIND).next(r));
        return pairs.filter(p -> !kindOf(p.get(1)).equals(kindOf(ARN_FIELDS.get(p.get(0)))))
                .map(p -> set(p.get(0), p.get(1)));
    }

    private static Gen<Mutation> wrongArnRegion() {
        Gen<String> field = Gen.of(List.copyOf(ARN_FIELDS.keySet()));
        Gen<String> region = Gen.of("us-east-1", "eu-central-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1",
                "eu-west-2", "EU-WEST-1", "");
        return r -> {
            String f = field.next(r);
            return set(f, ARN_FIELDS.get(f).replace(":eu-west-1:", ":" + region.next(r) + ":"));
        };
    }

    private static Gen<Mutation> intOutOfRange() {
        return Gen.oneOf(
                outside("testListener.port", 1, 65_535),
                outside("testListener.rulePriority", 1, 50_000),
                outside("smokeChecks[0].expectedStatus", 100, 599),
                outside("smokeChecks[0].retries", 0, 20),
                outside("analysis.failureLimit", 0, 100),
                outside("analysis.inconclusiveLimit", 0, 100),
                Gen.longsAtMost(-1).map(n -> set("analysis.minRequests", n)));
    }

    private static Gen<Mutation> outside(String field, long min, long max) {
        return Gen.oneOf(Gen.longsAtMost(min - 1), Gen.longsAtLeast(max + 1)).map(n -> set(field, n));
    }

    private static Gen<Mutation> numberOutOfRange() {
        Gen<Double> nonFinite = Gen.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        Gen<Double> notPositive = Gen.oneOf(Gen.doubles(-1e9, 0), Gen.of(0.0, -0.0), nonFinite);
        Gen<Double> negative = Gen.oneOf(Gen.doubles(-1e9, -1e-9), nonFinite);
        return Gen.oneOf(
                Gen.oneOf(notPositive, Gen.doubles(100.000001, 1e9)).map(x -> set("analysis.maxErrorRatePercent", x)),
                notPositive.map(x -> set("analysis.maxP95Millis", x)),
                notPositive.map(x -> set("analysis.maxP99Millis", x)),
                Gen.doubles(900.000001, 1e9).map(x -> set("analysis.maxP95Millis", x)),
                negative.map(x -> set("analysis.maxErrorRateIncrease", x)),
                negative.map(x -> set("analysis.maxLatencyIncreasePercent", x)));
    }

    private static Gen<Mutation> unreadableDuration() {
        Gen<String> text = Gen.strings("0123456789smhdPT .-:x,", 0, 10).filter(ConfigFuzzTest::isNotADuration);
        Gen<String> field = Gen.of(DURATION_FIELDS);
        return r -> set(field.next(r), text.next(r));
    }

    private static boolean isNotADuration(String text) {
        try {
            DurationText.parse(text);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static Gen<Mutation> durationOutOfRange() {
        return Gen.oneOf(
                Gen.longs(7_201, 10_000_000).map(s -> set("health.readinessTimeout", s + "s")),
                Gen.longs(0, 999).map(ms -> set("health.pollInterval", ms + "ms")),
                Gen.longs(5, 100_000).map(m -> set("health.pollInterval", m + "m")),
                Gen.longs(49, 100_000).map(h -> set("health.bakeTime", h + "h")),
                Gen.of("0s", "0ms", "PT0S").map(zero -> set("health.bakeTime", zero)),
                Gen.of("0s", "0ms", "PT0S").map(zero -> set("health.readinessTimeout", zero)),
                Gen.of("0s", "0ms").map(zero -> set("smokeChecks[0].maxLatency", zero)),
                Gen.longs(0, 100_000).filter(s -> s < 60 || s % 60 != 0).map(s -> set("analysis.interval", s + "s")));
    }

    private static Gen<Mutation> swappedFields() {
        return Gen.of(
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

    private static Gen<Mutation> unknownField() {
        Gen<String> key = Gen.strings("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 1, 15);
        Gen<List<String>> pairs = r -> List.of(Gen.of(List.copyOf(SECTIONS.keySet())).next(r), key.next(r));
        return pairs.filter(p -> Arrays.stream(SECTIONS.get(p.get(0)).getRecordComponents())
                        .noneMatch(c -> c.getName().equals(p.get(1))))
                .map(p -> set(p.get(0).isEmpty() ? p.get(1) : p.get(0) + "." + p.get(1), "x"));
    }

    private static Gen<Mutation> wrongShape() {
        Gen<String> scalars = Gen.of("name", "region", "cluster", "container", "slots.blue.service",
                "listener.arn", "testListener.port", "health.bakeTime", "smokeChecks[0].url",
                "smokeChecks[0].versionInBody", "smokeChecks[0].retries", "analysis.maxP99Millis", "analysis.noData");
        Gen<Object> structures = Gen.of(List.of("x"), Map.of("k", "v"), List.of());
        return r -> set(scalars.next(r), structures.next(r));
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
