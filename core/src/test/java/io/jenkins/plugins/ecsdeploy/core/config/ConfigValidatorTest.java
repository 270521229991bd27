package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.BLUE_SERVICE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.BLUE_TG_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.CLUSTER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.LB_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.config.TestConfigs.RULE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidatorTest {

    private static final String OTHER_REGION_TG =
            BLUE_TG_ARN.replace(":eu-west-1:", ":us-east-1:");
    private static final String NLB_LISTENER = LISTENER_ARN.replace("listener/app/", "listener/net/");
    private static final String OTHER_LISTENER_RULE = RULE_ARN.replace("f2f7dc8efc522ab2", "aaaabbbbccccdddd");

    @Test
    void validConfigurationHasNoProblems() {
        assertThat(ConfigValidator.validate(TestConfigs.valid())).isEmpty();
        assertThatCode(() -> ConfigValidator.requireValid(TestConfigs.valid())).doesNotThrowAnyException();
    }

    @Test
    void namesInsteadOfArnsAndListenerByLoadBalancerAndPortAreValid() {
        Map<String, Object> tree = TestConfigs.validTree();
        TestConfigs.set(tree, "cluster", "shop");
        TestConfigs.set(tree, "slots.blue", Map.of("service", "shop-blue", "targetGroup", "shop-blue"));
        TestConfigs.set(tree, "slots.green", Map.of("service", "shop_green", "targetGroup", "Shop-Green-2"));
        TestConfigs.set(tree, "listener", Map.of("loadBalancer", "shop", "port", 443, "rulePriority", 50000));
        TestConfigs.set(tree, "testListener", Map.of("loadBalancer", "shop", "port", 443, "rulePriority", 1));
        TestConfigs.set(tree, "region", "us-gov-west-1");
        TestConfigs.set(tree, "endpointUrl", "http://127.0.0.1:5000");

        assertThat(ConfigValidator.validate(ConfigLoader.parse(TestConfigs.yaml(tree), "x"))).isEmpty();
    }

    static Stream<Arguments> oneBrokenField() {
        return Stream.of(
                // name, region, endpoint, cluster, container
                broken("name", null, "name", "missing"),
                broken("name", "shop prod", "name", "use 1 to 64 letters, digits, '.', '_' or '-'"),
                broken("name", "x".repeat(65), "name", "1 to 64"),
                broken("region", null, "region", "missing: set the AWS region"),
                broken("region", "Ireland", "region", "'Ireland' is not an AWS region: write it like eu-west-1"),
                broken("endpointUrl", "localhost:5000", "endpointUrl", "is not an absolute http(s) URL"),
                broken("endpointUrl", "ftp://127.0.0.1", "endpointUrl", "is not an absolute http(s) URL"),
                broken("endpointUrl", "http://key:s3cret@127.0.0.1:5000", "endpointUrl", "contains credentials"),
                broken("cluster", null, "cluster", "missing"),
                broken("cluster", "shop cluster", "cluster", "is not a cluster name"),
                broken("cluster", BLUE_TG_ARN, "cluster", "that is a target group ARN, expected an ECS cluster ARN"),
                broken("cluster", CLUSTER_ARN.replace("eu-west-1", "eu-central-1"), "cluster",
                        "the ARN is in region 'eu-central-1' but the configuration's region is 'eu-west-1'"),
                broken("cluster", "arn:aws:ecs:eu-west-1:1234:cluster/shop", "cluster", "ACCOUNT is 12 digits"),
                broken("cluster", "arn:nope", "cluster", "is not a valid ARN"),
                broken("container", " ", "container", "missing"),
                broken("container", "web server", "container", "is not a container name"),
                // slots
                broken("slots", null, "slots", "set slots.blue and slots.green"),
                broken("slots.blue", null, "slots.blue", "missing: set slots.blue.service and slots.blue.targetGroup"),
                broken("slots.green.service", null, "slots.green.service", "missing"),
                broken("slots.blue.service", "shop/blue", "slots.blue.service", "is not a service name"),
                broken("slots.blue.service", CLUSTER_ARN, "slots.blue.service", "that is an ECS cluster ARN"),
                broken("slots.blue.service", BLUE_SERVICE_ARN.replace("eu-west-1", "us-west-2"),
                        "slots.blue.service", "region 'us-west-2'"),
                broken("slots.blue.targetGroup", LISTENER_ARN, "slots.blue.targetGroup",
                        "that is a listener ARN, expected a target group ARN"),
                broken("slots.blue.targetGroup", OTHER_REGION_TG, "slots.blue.targetGroup", "region 'us-east-1'"),
                broken("slots.blue.targetGroup", "-blue", "slots.blue.targetGroup", "not starting or ending with '-'"),
                broken("slots.blue.targetGroup", "blue-", "slots.blue.targetGroup", "is not a target group name"),
                broken("slots.blue.targetGroup", "t".repeat(33), "slots.blue.targetGroup", "1 to 32"),
                broken("slots.green.service", "shop-blue", "slots.green.service",
                        "the same service as slots.blue.service ('shop-blue')"),
                broken("slots.green.targetGroup", "shop-blue", "slots.green.targetGroup",
                        "the same target group as slots.blue.targetGroup ('shop-blue')"),
                // production listener
                broken("listener", null, "listener", "missing: set listener.arn, or listener.loadBalancer and "
                        + "listener.port"),
                broken("listener.port", 443, "listener.arn", "give either arn, or loadBalancer and port, not both"),
                broken("listener.arn", BLUE_TG_ARN, "listener.arn", "that is a target group ARN, expected a listener"),
                broken("listener.arn", LB_ARN, "listener.arn", "that is a load balancer ARN"),
                broken("listener.arn", NLB_LISTENER, "listener.arn", "Network Load Balancer"),
                broken("listener.ruleArn", LISTENER_ARN, "listener.ruleArn",
                        "that is a listener ARN, expected a listener rule ARN"),
                broken("listener.ruleArn", OTHER_LISTENER_RULE, "listener.ruleArn", "the rule belongs to "
                        + "'listener/app/shop/50dc6c495c0c9188/aaaabbbbccccdddd'"),
                broken("listener.rulePriority", 5, "listener.ruleArn", "give either ruleArn or rulePriority"),
                broken("listener.ruleArn", RULE_ARN.replace("eu-west-1", "ap-south-1"), "listener.ruleArn",
                        "region 'ap-south-1'"),
                // test listener (loadBalancer + port in the valid config)
                broken("testListener.port", 0, "testListener.port", "0 is not a port: use 1..65535"),
                broken("testListener.port", 65536, "testListener.port", "use 1..65535"),
                broken("testListener.port", null, "testListener.port", "missing"),
                broken("testListener.loadBalancer", null, "testListener.loadBalancer", "missing"),
                broken("testListener.loadBalancer", "internal-shop", "testListener.loadBalancer",
                        "nor starting with 'internal-'"),
                broken("testListener.loadBalancer", LISTENER_ARN, "testListener.loadBalancer",
                        "that is a listener ARN, expected a load balancer ARN"),
                broken("testListener.rulePriority", 50001, "testListener.rulePriority", "use 1..50000"),
                broken("testListener.rulePriority", 0, "testListener.rulePriority", "use 1..50000"),
                broken("testListener", Map.of("arn", LISTENER_ARN, "ruleArn", RULE_ARN), "testListener",
                        "steers the same listener and rule as listener"),
                // health
                broken("health.readinessTimeout", "0s", "health.readinessTimeout", "must be more than 0"),
                broken("health.readinessTimeout", "2h1s", "health.readinessTimeout", "2h1s is too long: at most 2h"),
                broken("health.pollInterval", "500ms", "health.pollInterval", "500ms is too short: at least 1s"),
                broken("health.pollInterval", "5m", "health.pollInterval",
                        "must be shorter than health.readinessTimeout (5m)"),
                broken("health.bakeTime", "0s", "health.bakeTime", "must be more than 0"),
                broken("health.bakeTime", "49h", "health.bakeTime", "is too long: at most 48h"),
                broken("health.alarms", Collections.nCopies(11, "a"), "health.alarms", "11 alarms: at most 10"),
                broken("health.alarms", List.of("ok", " "), "health.alarms[1]", "empty alarm name"),
                broken("health.alarms", List.of("a".repeat(256)), "health.alarms[0]", "longer than 255"),
                broken("health.alarms", List.of("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x"),
                        "health.alarms[0]", "give the alarm's name, not its ARN"),
                // smoke checks
                broken("smokeChecks[0].url", null, "smokeChecks[0].url", "missing"),
                broken("smokeChecks[0].url", "/health", "smokeChecks[0].url", "is not an absolute http(s) URL"),
                broken("smokeChecks[0].url", "file:///etc/passwd", "smokeChecks[0].url", "absolute http(s)"),
                broken("smokeChecks[0].url", "https://deploy:s3cret@shop.example.com/health", "smokeChecks[0].url",
                        "contains credentials"),
                broken("smokeChecks[0].expectedStatus", 99, "smokeChecks[0].expectedStatus", "use 100..599"),
                broken("smokeChecks[0].expectedStatus", 600, "smokeChecks[0].expectedStatus", "use 100..599"),
                broken("smokeChecks[0].retries", -1, "smokeChecks[0].retries", "use 0..20"),
                broken("smokeChecks[0].retries", 21, "smokeChecks[0].retries", "use 0..20"),
                broken("smokeChecks[0].maxLatency", "0s", "smokeChecks[0].maxLatency", "must be more than 0"),
                broken("smokeChecks[0].versionHeader", "X Version", "smokeChecks[0].versionHeader",
                        "is not a header name"),
                broken("smokeChecks[0].versionHeader", "X-Version:", "smokeChecks[0].versionHeader",
                        "is not a header name"),
                broken("smokeChecks[0].bodyContains", "", "smokeChecks[0].bodyContains", "empty"),
                // analysis
                broken("analysis.interval", "30s", "analysis.interval", "30s is too short: at least 1m"),
                broken("analysis.interval", "90s", "analysis.interval", "1m30s is not a whole number of minutes"),
                broken("analysis.maxErrorRatePercent", 0, "analysis.maxErrorRatePercent", "more than 0 and at most 100"),
                broken("analysis.maxErrorRatePercent", 100.5, "analysis.maxErrorRatePercent", "100.5 is out of range"),
                broken("analysis.maxErrorRatePercent", ".nan", "analysis.maxErrorRatePercent", "NaN is out of range"),
                broken("analysis.maxP95Millis", 0, "analysis.maxP95Millis", "more than 0"),
                broken("analysis.maxP99Millis", -1, "analysis.maxP99Millis", "more than 0"),
                broken("analysis.maxP99Millis", ".inf", "analysis.maxP99Millis", "Infinity is out of range"),
                broken("analysis.maxP95Millis", 901, "analysis.maxP95Millis",
                        "901 is above maxP99Millis (900); the p95 limit must not exceed the p99 limit"),
                broken("analysis.minRequests", -1, "analysis.minRequests", "negative"),
                broken("analysis.failureLimit", -1, "analysis.failureLimit", "use 0..100"),
                broken("analysis.failureLimit", 101, "analysis.failureLimit", "use 0..100"),
                broken("analysis.inconclusiveLimit", 101, "analysis.inconclusiveLimit", "use 0..100"),
                broken("analysis.noDataPerMetric", Map.of("latency", "FAIL"), "analysis.noDataPerMetric.latency",
                        "unknown metric 'latency': use errorRate, p50, p95, p99, healthyHosts, relativeErrorRate, "
                                + "relativeP50, relativeP95, relativeP99, cpu, memory, relativeCpu, relativeMemory"),
                broken("analysis.maxErrorRateIncrease", -0.1, "analysis.maxErrorRateIncrease", "use 0 or more"),
                broken("analysis.maxLatencyIncreasePercent", -5, "analysis.maxLatencyIncreasePercent",
                        "use 0 or more"),
                broken("analysis.alarms", Collections.nCopies(11, "a"), "analysis.alarms", "at most 10"));
    }

    private static Arguments broken(String path, Object value, String field, String messagePart) {
        return Arguments.of(path, value, field, messagePart);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("oneBrokenField")
    void oneBrokenFieldGivesOneProblemNamingIt(String path, Object value, String field, String messagePart) {
        Object yamlValue = ".nan".equals(value) ? Double.NaN : ".inf".equals(value) ? Double.POSITIVE_INFINITY : value;

        List<ConfigProblem> problems = ConfigValidator.validate(TestConfigs.with(path, yamlValue));

        assertThat(problems).as("problems").hasSize(1);
        assertThat(problems.get(0).field()).isEqualTo(field);
        assertThat(problems.get(0).message()).contains(messagePart);
    }

    @Test
    void credentialsInUrlsAreNeverRepeatedInProblems() {
        Map<String, Object> tree = TestConfigs.validTree();
        TestConfigs.set(tree, "endpointUrl", "http://AKIAEXAMPLE:s3cret@127.0.0.1:5000");
        TestConfigs.set(tree, "smokeChecks[0].url", "https://deploy:s3cret@shop.example.com/health");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> ConfigValidator.requireValid(ConfigLoader.parse(TestConfigs.yaml(tree), "x")));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void negativeDurationsFromOtherSourcesThanYamlAreCaught() {
        EnvironmentConfig valid = TestConfigs.valid();
        HealthConfig h = valid.health();
        SmokeCheckConfig s = valid.smokeChecks().get(0);
        EnvironmentConfig c = new EnvironmentConfig(valid.name(), valid.region(), null, valid.cluster(),
                valid.container(), valid.slots(), valid.listener(), valid.testListener(),
                new HealthConfig(h.readinessTimeout(), h.pollInterval(), h.bakeTime(), h.alarms(),
                        Duration.ofSeconds(-1)),
                List.of(new SmokeCheckConfig(s.url(), null, null, null, null, null, null, Duration.ofSeconds(-5))),
                valid.analysis());

        assertThat(ConfigValidator.validate(c)).extracting(ConfigProblem::field)
                .containsExactly("health.scaleDownOldAfter", "smokeChecks[0].retryDelay");
    }

    @Test
    void nullEntriesFromOtherSourcesThanYamlAreProblemsNotCrashes() {
        EnvironmentConfig valid = TestConfigs.valid();
        EnvironmentConfig c = new EnvironmentConfig(valid.name(), valid.region(), null, valid.cluster(),
                valid.container(), new SlotsConfig(new SlotConfig(null, null), null), new ListenerConfig(null, null,
                        null, null, null), null, null, null, null);

        assertThat(ConfigValidator.validate(c)).extracting(ConfigProblem::field).containsExactly(
                "slots.green", "slots.blue.service", "slots.blue.targetGroup", "listener");
        assertThat(ConfigValidator.validate(null)).extracting(ConfigProblem::field).containsExactly("(document)");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        Map<String, Object> tree = TestConfigs.validTree();
        TestConfigs.set(tree, "region", "mars-1");
        TestConfigs.set(tree, "slots.blue.targetGroup", LISTENER_ARN);
        TestConfigs.set(tree, "testListener.port", 70000);
        TestConfigs.set(tree, "health.pollInterval", "0s");
        TestConfigs.set(tree, "smokeChecks[0].expectedStatus", 42);
        TestConfigs.set(tree, "analysis.interval", "45s");
        EnvironmentConfig c = ConfigLoader.parse(TestConfigs.yaml(tree), "x");

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> ConfigValidator.requireValid(c));

        assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly("region",
                "slots.blue.targetGroup", "testListener.port", "health.pollInterval", "smokeChecks[0].expectedStatus",
                "analysis.interval");
        assertThat(e.getMessage()).startsWith("Invalid configuration in environment shop-prod (6 problems):")
                .contains("\n  - slots.blue.targetGroup: that is a listener ARN")
                .contains("\n  - testListener.port: 70000 is not a port: use 1..65535");
    }
}
