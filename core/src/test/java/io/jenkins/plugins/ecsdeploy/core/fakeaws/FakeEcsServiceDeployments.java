package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.ServiceDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ECS actions about service deployments, service revisions and service tags, in ECS's JSON 1.1 shapes:
 * ListServiceDeployments, DescribeServiceDeployments, StopServiceDeployment, DescribeServiceRevisions, TagResource,
 * UntagResource and ListTagsForResource (of services).
 */
final class FakeEcsServiceDeployments {

    private final FakeServiceDeployments deployments;

    FakeEcsServiceDeployments(FakeServiceDeployments deployments) {
        this.deployments = deployments;
    }

    /** The reply to {@code action}, or empty when it is none of these. */
    Optional<ObjectNode> handle(String action, JsonNode request, FakeAwsState s) {
        return Optional.ofNullable(switch (action) {
            case "ListServiceDeployments" -> list(request, s);
            case "DescribeServiceDeployments" -> describe(request, s);
            case "StopServiceDeployment" -> stop(request, s);
            case "DescribeServiceRevisions" -> revisions(request, s);
            case "TagResource" -> tag(request, s);
            case "UntagResource" -> untag(request, s);
            case "ListTagsForResource" -> tags(request, s);
            default -> null;
        });
    }

    private ObjectNode list(JsonNode request, FakeAwsState s) {
        String cluster = request.path("cluster").asText("default");
        Service v = s.services.values().stream()
                .filter(x -> x.clusterArn.equals(cluster) || x.clusterArn.endsWith(":cluster/" + cluster))
                .filter(x -> x.name.equals(request.path("service").asText()) || x.arn.equals(
                        request.path("service").asText()))
                .findFirst().orElseThrow(() -> AwsError.client("ServiceNotFoundException", "Service not found."));
        List<String> statuses = new ArrayList<>();
        request.path("status").forEach(n -> statuses.add(n.asText()));
        int max = request.path("maxResults").asInt(20);
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode out = reply.putArray("serviceDeployments");
        for (ServiceDeployment d : v.serviceDeployments) {
            if (out.size() < max && (statuses.isEmpty() || statuses.contains(d.status))) {
                ObjectNode brief = out.addObject().put("serviceDeploymentArn", d.arn).put("serviceArn", d.serviceArn)
                        .put("clusterArn", d.clusterArn).put("createdAt", d.createdAt).put("startedAt", d.createdAt)
                        .put("targetServiceRevisionArn", d.targetRevisionArn).put("status", d.status);
                putIfSet(brief, "statusReason", d.statusReason);
                if (d.finishedAt > 0) {
                    brief.put("finishedAt", d.finishedAt);
                }
            }
        }
        return reply;
    }

    private ObjectNode describe(JsonNode request, FakeAwsState s) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode found = reply.putArray("serviceDeployments");
        ArrayNode failures = reply.putArray("failures");
        for (JsonNode arn : request.path("serviceDeploymentArns")) {
            Optional<ServiceDeployment> d = find(s, arn.asText());
            if (d.isEmpty()) {
                failures.addObject().put("arn", arn.asText()).put("reason", "MISSING");
            } else {
                found.add(json(d.get()));
            }
        }
        return reply;
    }

    private static ObjectNode json(ServiceDeployment d) {
        ObjectNode out = JSON.createObjectNode().put("serviceDeploymentArn", d.arn).put("serviceArn", d.serviceArn)
                .put("clusterArn", d.clusterArn).put("createdAt", d.createdAt).put("startedAt", d.createdAt)
                .put("updatedAt", d.createdAt).put("status", d.status).put("lifecycleStage", d.lifecycleStage);
        putIfSet(out, "statusReason", d.statusReason);
        if (d.finishedAt > 0) {
            out.put("finishedAt", d.finishedAt);
        }
        if (d.stoppedAt > 0) {
            out.put("stoppedAt", d.stoppedAt);
        }
        boolean cleanedUp = d.status.equals("SUCCESSFUL");
        boolean rolledBack = d.status.equals("ROLLBACK_SUCCESSFUL");
        int desired = d.desiredCount;
        revision(out.putArray("sourceServiceRevisions").addObject(), d.sourceRevisionArn, cleanedUp ? 0 : desired,
                100 - d.productionShare, 100 - d.testShare);
        int targetTasks = rolledBack || stageIndex(d) < 2 ? 0 : desired;
        revision(out.putObject("targetServiceRevision"), d.targetRevisionArn, targetTasks, d.productionShare,
                d.testShare);
        out.set("deploymentConfiguration", d.configuration.deepCopy());
        if (d.rollbackReason != null) {
            out.putObject("rollback").put("reason", d.rollbackReason).put("startedAt", d.rollbackStartedAt)
                    .put("serviceRevisionArn", d.sourceRevisionArn);
        }
        JsonNode alarms = d.configuration.path("alarms");
        if (alarms.path("enable").asBoolean(false)) {
            ObjectNode a = out.putObject("alarms").put("status", !d.triggeredAlarms.isEmpty() ? "TRIGGERED"
                    : FakeServiceDeployments.ACTIVE.contains(d.status) ? "MONITORING" : "MONITORING_COMPLETE");
            a.set("alarmNames", alarms.path("alarmNames").deepCopy());
            ArrayNode triggered = a.putArray("triggeredAlarmNames");
            d.triggeredAlarms.forEach(triggered::add);
        }
        return out;
    }

    private static int stageIndex(ServiceDeployment d) {
        return FakeServiceDeployments.STAGES.indexOf(d.lifecycleStage);
    }

    private static void revision(ObjectNode out, String arn, int tasks, int production, int test) {
        out.put("arn", arn).put("requestedTaskCount", tasks).put("runningTaskCount", tasks)
                .put("pendingTaskCount", 0).put("requestedProductionTrafficWeight", (double) production)
                .put("requestedTestTrafficWeight", (double) test);
    }

    private ObjectNode stop(JsonNode request, FakeAwsState s) {
        String arn = request.path("serviceDeploymentArn").asText();
        ServiceDeployment d = find(s, arn).orElseThrow(() -> AwsError.client(
                "ServiceDeploymentNotFoundException", "Service deployment " + arn + " was not found."));
        deployments.stop(d, request.path("stopType").asText("ROLLBACK"));
        return JSON.createObjectNode().put("serviceDeploymentArn", d.arn);
    }

    private static ObjectNode revisions(JsonNode request, FakeAwsState s) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode found = reply.putArray("serviceRevisions");
        ArrayNode failures = reply.putArray("failures");
        for (JsonNode arn : request.path("serviceRevisionArns")) {
            Optional<Service> owner = s.services.values().stream()
                    .filter(v -> v.revisions.containsKey(arn.asText())).findFirst();
            if (owner.isEmpty()) {
                failures.addObject().put("arn", arn.asText()).put("reason", "MISSING");
            } else {
                found.addObject().put("serviceRevisionArn", arn.asText()).put("serviceArn", owner.get().arn)
                        .put("clusterArn", owner.get().clusterArn)
                        .put("taskDefinition", owner.get().revisions.get(arn.asText()))
                        .put("launchType", "FARGATE");
            }
        }
        return reply;
    }

    private static ObjectNode tag(JsonNode request, FakeAwsState s) {
        Service v = tagged(request, s);
        for (JsonNode t : request.path("tags")) {
            String key = t.path("key").asText("");
            String value = t.path("value").asText("");
            if (key.isEmpty() || key.length() > 128 || value.length() > 256
                    || !(key + value).matches("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*")) {
                throw AwsError.client("InvalidParameterException", "Tag '" + key + "' = '" + value
                        + "' is not a valid ECS tag.");
            }
            v.tags.put(key, value);
        }
        return JSON.createObjectNode();
    }

    private static ObjectNode untag(JsonNode request, FakeAwsState s) {
        Service v = tagged(request, s);
        request.path("tagKeys").forEach(k -> v.tags.remove(k.asText()));
        return JSON.createObjectNode();
    }

    private static ObjectNode tags(JsonNode request, FakeAwsState s) {
        Service v = tagged(request, s);
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode tags = reply.putArray("tags");
        v.tags.forEach((k, val) -> tags.addObject().put("key", k).put("value", val));
        return reply;
    }

    private static Service tagged(JsonNode request, FakeAwsState s) {
        String arn = request.path("resourceArn").asText();
        Service v = s.services.get(arn);
        if (v == null) {
            throw AwsError.client("ResourceNotFoundException", "The specified resource " + arn
                    + " could not be found (the fake tags ECS services only).");
        }
        return v;
    }

    private static Optional<ServiceDeployment> find(FakeAwsState s, String arn) {
        return s.services.values().stream().flatMap(v -> v.serviceDeployments.stream())
                .filter(d -> d.arn.equals(arn)).findFirst();
    }

    private static void putIfSet(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
