package io.jenkins.plugins.ecsdeploy.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canned ECS JSON replies, shaped like AWS's. */
final class EcsReplies {

    static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:123456789012:cluster/shop";
    static final String TD_ARN = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:41";
    static final String NEW_TD_ARN = "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:42";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A task definition with every field RegisterTaskDefinition accepts set to something other than its
     * default, plus the read-only fields DescribeTaskDefinition adds. Container "web" runs the deployed image.
     */
    static final String FULL_TASK_DEFINITION = """
            {
              "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/shop:41",
              "family": "shop",
              "revision": 41,
              "status": "ACTIVE",
              "taskRoleArn": "arn:aws:iam::123456789012:role/shop-task",
              "executionRoleArn": "arn:aws:iam::123456789012:role/shop-exec",
              "networkMode": "awsvpc",
              "containerDefinitions": [
                {
                  "name": "web",
                  "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.0",
                  "cpu": 256,
                  "memory": 512,
                  "essential": true,
                  "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}],
                  "environment": [{"name": "MODE", "value": "prod"}],
                  "secrets": [{"name": "DB_PASSWORD",
                               "valueFrom": "arn:aws:ssm:eu-west-1:123456789012:parameter/shop/db"}],
                  "logConfiguration": {"logDriver": "awslogs",
                                       "options": {"awslogs-group": "/ecs/shop", "awslogs-region": "eu-west-1"}},
                  "healthCheck": {"command": ["CMD-SHELL", "curl -f localhost:8080/health"], "interval": 10}
                },
                {
                  "name": "envoy",
                  "image": "public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod",
                  "essential": true,
                  "user": "1337"
                }
              ],
              "volumes": [{"name": "scratch", "host": {}}],
              "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}],
              "requiresCompatibilities": ["FARGATE"],
              "compatibilities": ["EC2", "FARGATE"],
              "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}],
              "cpu": "512",
              "memory": "1024",
              "pidMode": "task",
              "ipcMode": "none",
              "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy",
                                     "properties": [{"name": "AppPorts", "value": "8080"}]},
              "inferenceAccelerators": [{"deviceName": "device1", "deviceType": "eia2.medium"}],
              "ephemeralStorage": {"sizeInGiB": 30},
              "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
              "enableFaultInjection": true,
              "registeredAt": 1763900000.0,
              "registeredBy": "arn:aws:iam::123456789012:role/ci"
            }""";

    static final String TAGS = """
            [{"key": "team", "value": "checkout"}, {"key": "cost-centre", "value": "42"}]""";

    private EcsReplies() {
    }

    static String describeTaskDefinition(String taskDefinition, String tags) {
        return "{\"taskDefinition\": " + taskDefinition + ", \"tags\": " + tags + "}";
    }

    /** A minimal task definition whose containers have the given names (each running image {@code name:1}). */
    static String taskDefinition(String arn, String... containerNames) {
        ObjectNode td = JSON.createObjectNode().put("taskDefinitionArn", arn).put("family", "shop")
                .put("revision", Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1)));
        for (String name : containerNames) {
            td.withArray("containerDefinitions").addObject().put("name", name).put("image", name + ":1");
        }
        return td.toString();
    }

    static String registerTaskDefinition(String arn) {
        return "{\"taskDefinition\": " + taskDefinition(arn, "web") + "}";
    }

    static Map<String, Object> deployment(String status, String rolloutState, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", "ecs-svc/" + status.hashCode());
        d.put("status", status);
        d.put("rolloutState", rolloutState);
        d.put("rolloutStateReason", reason);
        return d;
    }

    /** A service in the test cluster; {@code controller} null leaves deploymentController out, as old services do. */
    static Map<String, Object> service(String name, String status, String controller, String taskDefinition,
            int desired, int running, int pending, List<Map<String, Object>> deployments) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("serviceName", name);
        s.put("serviceArn", "arn:aws:ecs:eu-west-1:123456789012:service/shop/" + name);
        s.put("clusterArn", CLUSTER_ARN);
        s.put("status", status);
        if (controller != null) {
            s.put("deploymentController", Map.of("type", controller));
        }
        s.put("taskDefinition", taskDefinition);
        s.put("desiredCount", desired);
        s.put("runningCount", running);
        s.put("pendingCount", pending);
        s.put("deployments", deployments);
        return s;
    }

    static Map<String, Object> steadyService(String name, String controller, String taskDefinition) {
        return service(name, "ACTIVE", controller, taskDefinition, 2, 2, 0,
                List.of(deployment("PRIMARY", "COMPLETED", "ECS deployment completed.")));
    }

    static Map<String, Object> missing(String arn) {
        return Map.of("arn", arn, "reason", "MISSING");
    }

    static String describeServices(List<Map<String, Object>> services, List<Map<String, Object>> failures) {
        return json(Map.of("services", services, "failures", failures));
    }

    static String describeClusters(String name, String status) {
        return json(Map.of("clusters", List.of(Map.of("clusterArn",
                "arn:aws:ecs:eu-west-1:123456789012:cluster/" + name, "clusterName", name, "status", status)),
                "failures", List.of()));
    }

    static String clusterMissing(String name) {
        return json(Map.of("clusters", List.of(), "failures", List.of(
                missing("arn:aws:ecs:eu-west-1:123456789012:cluster/" + name))));
    }

    static String updateService(String name) {
        return json(Map.of("service", steadyService(name, "ECS", TD_ARN)));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
