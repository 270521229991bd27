package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import java.util.Set;

/**
 * The deployment settings UpdateService may change: {@code deploymentConfiguration} (fields given replace the
 * service's) and the first of {@code loadBalancers} with its {@code advancedConfiguration}; checked as ECS checks
 * them for the ECS-native strategies.
 */
final class ServiceSettings {

    private static final Set<String> STRATEGIES = Set.of("ROLLING", "BLUE_GREEN", "CANARY", "LINEAR");

    private ServiceSettings() {}

    static void apply(Service v, JsonNode request, FakeAwsState s) {
        JsonNode config = request.path("deploymentConfiguration");
        ObjectNode merged = v.deploymentConfiguration == null ? WireFormat.JSON.createObjectNode()
                : v.deploymentConfiguration.deepCopy();
        if (config.isObject()) {
            merged.setAll(((ObjectNode) config).deepCopy());
        }
        JsonNode lb = request.path("loadBalancers").path(0);
        ObjectNode advanced = lb.isObject() ? (ObjectNode) lb.path("advancedConfiguration").deepCopy()
                : v.advancedConfiguration;
        if (advanced != null && advanced.isMissingNode()) {
            advanced = null;
        }
        String strategy = merged.path("strategy").asText("ROLLING");
        if (!STRATEGIES.contains(strategy)) {
            throw AwsError.client("InvalidParameterException", "Invalid strategy " + strategy + ".");
        }
        if (FakeServiceDeployments.STRATEGIES.contains(strategy)) {
            check(advanced, merged, s);
        }
        if (config.isObject()) {
            v.deploymentConfiguration = merged;
        }
        if (lb.isObject()) {
            v.targetGroupArn = lb.path("targetGroupArn").asText(v.targetGroupArn);
            v.containerName = lb.path("containerName").asText(v.containerName);
            v.containerPort = lb.path("containerPort").asInt(v.containerPort);
            v.advancedConfiguration = advanced;
        }
    }

    private static void check(ObjectNode advanced, ObjectNode config, FakeAwsState s) {
        if (advanced == null || !s.targetGroups.containsKey(advanced.path("alternateTargetGroupArn").asText())
                || !s.rules.containsKey(advanced.path("productionListenerRule").asText())
                || advanced.path("roleArn").asText("").isEmpty()) {
            throw AwsError.client("InvalidParameterException", "The " + config.path("strategy").asText()
                    + " deployment strategy requires loadBalancers[].advancedConfiguration with an existing "
                    + "alternateTargetGroupArn and productionListenerRule, and a roleArn.");
        }
        range(config, "canaryConfiguration", "canaryPercent", 0.1, 100);
        range(config, "canaryConfiguration", "canaryBakeTimeInMinutes", 0, 1440);
        range(config, "linearConfiguration", "stepPercent", 3, 100);
        range(config, "linearConfiguration", "stepBakeTimeInMinutes", 0, 1440);
        range(config, "", "bakeTimeInMinutes", 0, 1440);
    }

    private static void range(ObjectNode config, String block, String field, double min, double max) {
        JsonNode value = (block.isEmpty() ? config : config.path(block)).path(field);
        if (!value.isMissingNode() && (value.asDouble() < min || value.asDouble() > max)) {
            throw AwsError.client("InvalidParameterException", field + " must be between " + min + " and " + max
                    + ", got " + value.asText() + ".");
        }
    }
}
