package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid configuration that names every resource by ARN (so that swapping two fields is detectable), and a way
 * to change one field of it by path ({@code slots.blue.service}, {@code smokeChecks[0].url}) before it is read.
 */
final class TestConfigs {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop";
    static final String BLUE_SERVICE_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-blue";
    static final String GREEN_SERVICE_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-green";
    static final String BLUE_TG_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-blue/73e2d6bc24d8a067";
    static final String GREEN_TG_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop-green/2453ed029918f21f";
    static final String LB_ARN =
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c495c0c9188";
    static final String LISTENER_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
            + "listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String RULE_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
            + "listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";

    static final String VALID_YAML = """
            name: shop-prod
            region: eu-west-1
            cluster: %s
            container: web
            slots:
              blue:
                service: %s
                targetGroup: %s
              green:
                service: %s
                targetGroup: %s
            listener:
              arn: %s
              ruleArn: %s
            testListener:
              loadBalancer: %s
              port: 8443
            health:
              readinessTimeout: 5m
              pollInterval: 10s
              bakeTime: 10m
              alarms: [shop-5xx]
              scaleDownOldAfter: 1h
            smokeChecks:
              - url: https://shop.example.com:8443/health
                expectedStatus: 200
                bodyContains: UP
                versionHeader: X-App-Version
                versionInBody: false
                maxLatency: 800ms
                retries: 3
                retryDelay: 5s
            analysis:
              interval: 2m
              maxErrorRatePercent: 2.5
              maxP95Millis: 400
              maxP99Millis: 900
              minRequests: 50
              failureLimit: 1
              inconclusiveLimit: 3
              noData: INCONCLUSIVE
              noDataPerMetric: {errorRate: PASS, healthyHosts: FAIL}
              maxErrorRateIncrease: 1.0
              maxLatencyIncreasePercent: 25
              alarms: [shop-canary-5xx]
            """.formatted(CLUSTER_ARN, BLUE_SERVICE_ARN, BLUE_TG_ARN, GREEN_SERVICE_ARN, GREEN_TG_ARN, LISTENER_ARN,
            RULE_ARN, LB_ARN);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestConfigs() {
    }

    static EnvironmentConfig valid() {
        return ConfigLoader.parse(VALID_YAML, "valid.yaml");
    }

    static Map<String, Object> validTree() {
        try {
            return YAML.readValue(VALID_YAML, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String yaml(Map<String, Object> tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid configuration with one field set (null removes it), read as the loader reads it. */
    static EnvironmentConfig with(String path, Object value) {
        return ConfigLoader.parse(yaml(set(validTree(), path, value)), "test.yaml");
    }

    static Object get(Map<String, Object> tree, String path) {
        Object node = tree;
        for (Object step : steps(path)) {
            node = step instanceof Integer index ? ((List<?>) node).get(index) : ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    /** Sets a field by path, creating mappings on the way; null removes the field. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> set(Map<String, Object> tree, String path, Object value) {
        List<Object> steps = steps(path);
        Object node = tree;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            node = step instanceof Integer index ? ((List<Object>) node).get(index)
                    : ((Map<String, Object>) node).computeIfAbsent((String) step, k -> new LinkedHashMap<>());
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            ((List<Object>) node).set(index, value);
        } else if (value == null) {
            ((Map<String, Object>) node).remove(last);
        } else {
            ((Map<String, Object>) node).put((String) last, value);
        }
        return tree;
    }

    /** "smokeChecks[0].url" is the steps "smokeChecks", 0, "url". */
    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String dotted : path.split("\\.")) {
            String[] pieces = dotted.split("\\[");
            steps.add(pieces[0]);
            for (int i = 1; i < pieces.length; i++) {
                steps.add(Integer.parseInt(pieces[i].replace("]", "")));
            }
        }
        return steps;
    }
}
