package io.jenkins.plugins.ecsdeploy.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.ecsdeploy.core.config.CodeDeployConfig;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The AppSpec of an ECS deployment, as JSON content: the task definition, the container and port the target groups
 * forward to, the platform version, capacity provider strategy and network configuration copied from the service
 * (so the replacement task set runs where the original does), and the hooks of the environment.
 */
final class CodeDeployAppSpec {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An AppSpec written by a person may be YAML; YAML reads JSON too. */
    private static final ObjectMapper YAML = new YAMLMapper();

    private CodeDeployAppSpec() {
    }

    static String build(String taskDefinitionArn, String container, CodeDeployConfig cd, Service service) {
        ObjectNode properties = JSON.createObjectNode();
        properties.put("TaskDefinition", taskDefinitionArn);
        properties.putObject("LoadBalancerInfo").put("ContainerName", container)
                .put("ContainerPort", cd.containerPort());
        if (service.platformVersion() != null) {
            properties.put("PlatformVersion", service.platformVersion());
        }
        if (service.hasCapacityProviderStrategy() && !service.capacityProviderStrategy().isEmpty()) {
            // Without it the replacement task set would take the cluster's default, not where the original runs.
            ArrayNode strategy = properties.putArray("CapacityProviderStrategy");
            for (CapacityProviderStrategyItem item : service.capacityProviderStrategy()) {
                ObjectNode o = strategy.addObject().put("CapacityProvider", item.capacityProvider());
                if (item.base() != null) {
                    o.put("Base", item.base());
                }
                if (item.weight() != null) {
                    o.put("Weight", item.weight());
                }
            }
        }
        if (service.networkConfiguration() != null && service.networkConfiguration().awsvpcConfiguration() != null) {
            AwsVpcConfiguration vpc = service.networkConfiguration().awsvpcConfiguration();
            ObjectNode awsvpc = properties.putObject("NetworkConfiguration").putObject("AwsvpcConfiguration");
            vpc.subnets().forEach(awsvpc.putArray("Subnets")::add);
            if (vpc.hasSecurityGroups()) {
                vpc.securityGroups().forEach(awsvpc.putArray("SecurityGroups")::add);
            }
            if (vpc.assignPublicIp() != null) {
                awsvpc.put("AssignPublicIp", vpc.assignPublicIpAsString());
            }
        }
        ObjectNode appSpec = JSON.createObjectNode();
        appSpec.put("version", "0.0");
        ObjectNode target = appSpec.putArray("Resources").addObject().putObject("TargetService");
        target.put("Type", "AWS::ECS::Service");
        target.set("Properties", properties);
        if (!cd.hooks().isEmpty()) {
            ArrayNode hooks = appSpec.putArray("Hooks");
            for (Map.Entry<String, String> hook : cd.hooks().entrySet()) {
                hooks.addObject().put(hook.getKey(), hook.getValue());
            }
        }
        return appSpec.toString();
    }

    /**
     * The task definition an AppSpec deploys: its ECS service resource's {@code TaskDefinition}; empty when the
     * content is not an AppSpec this can read.
     */
    static Optional<String> taskDefinition(String content) {
        if (content == null || content.isBlank()) {
            return Optional.empty();
        }
        try {
            for (JsonNode resource : YAML.readTree(content).path("Resources")) {
                for (JsonNode target : resource) {
                    String arn = target.path("Properties").path("TaskDefinition").asText("");
                    if (!arn.isBlank()) {
                        return Optional.of(arn);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            // Not an AppSpec: the caller says it cannot tell which revision is deployed.
        }
        return Optional.empty();
    }
}
