package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployDeployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployGroup;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.TaskSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CodeDeploy in its JSON 1.1 protocol ({@code X-Amz-Target: CodeDeploy_20141006.*}, timestamps as epoch seconds),
 * for ECS blue/green deployment groups: GetDeploymentGroup, GetDeploymentConfig, ListDeployments, CreateDeployment,
 * GetDeployment, ListDeploymentTargets, GetDeploymentTarget, ContinueDeployment, StopDeployment. Deployments move
 * on the fake's clock ({@link CodeDeployTimeline}), writing the production listener's weights as CodeDeploy does.
 */
final class FakeCodeDeploy {

    static final String TARGET_PREFIX = "CodeDeploy_20141006.";
    static final Set<String> UNDER_WAY = Set.of("Created", "Queued", "InProgress", "Ready", "Baking");

    private final CodeDeployTimeline timeline;

    FakeCodeDeploy(Clock clock) {
        this.timeline = new CodeDeployTimeline(clock);
    }

    /** Moves every deployment under way to where the clock says it is. */
    void settle(FakeAwsState s) {
        timeline.settle(s);
    }

    String handle(String action, JsonNode request, FakeAwsState s) {
        timeline.settle(s);
        ObjectNode reply = JSON.createObjectNode();
        switch (action) {
            case "GetDeploymentGroup" -> CodeDeployReplies.group(group(s, request.path("applicationName").asText(),
                    request.path("deploymentGroupName").asText()), reply.putObject("deploymentGroupInfo"));
            case "GetDeploymentConfig" -> {
                String name = request.path("deploymentConfigName").asText();
                String kind = s.deploymentConfigs.get(name);
                if (kind == null) {
                    throw AwsError.client("DeploymentConfigDoesNotExistException", "No deployment configuration found"
                            + " for name: " + name);
                }
                reply.putObject("deploymentConfigInfo").put("deploymentConfigName", name).put("computePlatform", "ECS")
                        .put("deploymentConfigId", "cfg-" + Math.abs(name.hashCode()));
            }
            case "ListDeployments" -> listDeployments(request, s, reply);
            case "CreateDeployment" -> reply.put("deploymentId", create(request, s));
            case "GetDeployment" -> CodeDeployReplies.deployment(deployment(s, request), s,
                    reply.putObject("deploymentInfo"));
            case "ListDeploymentTargets" -> {
                CodeDeployDeployment d = deployment(s, request);
                CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
                reply.putArray("targetIds").add(g.cluster + ":" + g.service);
            }
            case "GetDeploymentTarget" -> {
                CodeDeployDeployment d = deployment(s, request);
                CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
                if (!request.path("targetId").asText().equals(g.cluster + ":" + g.service)) {
                    throw AwsError.client("DeploymentTargetDoesNotExistException", "The provided target ID does not"
                            + " belong to the deployment " + d.id + ".");
                }
                CodeDeployReplies.target(d, s, reply.putObject("deploymentTarget"));
            }
            case "ContinueDeployment" -> timeline.proceed(deployment(s, request),
                    request.path("deploymentWaitType").asText("READY_WAIT"), s);
            case "StopDeployment" -> {
                CodeDeployDeployment d = deployment(s, request);
                if (!UNDER_WAY.contains(d.status)) {
                    throw AwsError.client("DeploymentAlreadyCompletedException", "The deployment " + d.id
                            + " has already completed.");
                }
                timeline.stop(d, request.path("autoRollbackEnabled").asBoolean(false), "Stopped by user", s);
                reply.put("status", "Pending").put("statusMessage", "Stop of deployment " + d.id + " pending");
            }
            default -> throw AwsError.client("UnknownOperationException",
                    "The fake CodeDeploy does not implement " + action + ".");
        }
        return reply.toString();
    }

    private static void listDeployments(JsonNode request, FakeAwsState s, ObjectNode reply) {
        CodeDeployGroup g = group(s, request.path("applicationName").asText(),
                request.path("deploymentGroupName").asText());
        List<String> statuses = new ArrayList<>();
        request.path("includeOnlyStatuses").forEach(n -> statuses.add(n.asText()));
        ArrayNode ids = reply.putArray("deployments");
        List<CodeDeployDeployment> all = new ArrayList<>(s.codeDeployDeployments.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            CodeDeployDeployment d = all.get(i);
            if (d.application.equals(g.application) && d.group.equals(g.name)
                    && (statuses.isEmpty() || statuses.contains(d.status))) {
                ids.add(d.id);
            }
        }
    }

    private String create(JsonNode request, FakeAwsState s) {
        CodeDeployGroup g = group(s, request.path("applicationName").asText(),
                request.path("deploymentGroupName").asText());
        for (CodeDeployDeployment d : s.codeDeployDeployments.values()) {
            if (d.application.equals(g.application) && d.group.equals(g.name) && UNDER_WAY.contains(d.status)) {
                throw AwsError.client("DeploymentLimitExceededException", "The deployment group " + g.name
                        + " has an active deployment: " + d.id);
            }
        }
        String config = request.path("deploymentConfigName").asText(g.deploymentConfig);
        if (!s.deploymentConfigs.containsKey(config)) {
            throw AwsError.client("DeploymentConfigDoesNotExistException", "No deployment configuration found for"
                    + " name: " + config);
        }
        JsonNode revision = request.path("revision");
        if (!"AppSpecContent".equals(revision.path("revisionType").asText())) {
            throw AwsError.client("InvalidRevisionException", "The fake CodeDeploy takes AppSpecContent revisions.");
        }
        String content = revision.path("appSpecContent").path("content").asText();
        String taskDefinition;
        try {
            taskDefinition = JSON.readTree(content).path("Resources").path(0).path("TargetService")
                    .path("Properties").path("TaskDefinition").asText(null);
        } catch (JsonProcessingException e) {
            throw AwsError.client("InvalidRevisionException", "The AppSpec content is not JSON or YAML.");
        }
        if (taskDefinition == null || !s.taskDefinitions.containsKey(taskDefinition)) {
            throw AwsError.client("InvalidRevisionException", "The AppSpec names task definition " + taskDefinition
                    + ", which does not exist.");
        }
        CodeDeployDeployment d = new CodeDeployDeployment();
        d.id = "d-" + String.format("%09d", Integer.parseInt(s.nextId()));
        d.application = g.application;
        d.group = g.name;
        d.config = config;
        d.description = request.path("description").asText(null);
        d.appSpec = content;
        d.taskDefinitionArn = taskDefinition;
        timeline.begin(d, g, s);
        s.codeDeployDeployments.put(d.id, d);
        return d.id;
    }

    static CodeDeployGroup group(FakeAwsState s, String application, String name) {
        if (!s.codeDeployApps.containsKey(application)) {
            throw AwsError.client("ApplicationDoesNotExistException", "No application found for name: "
                    + application);
        }
        CodeDeployGroup g = s.codeDeployGroups.get(application + "/" + name);
        if (g == null) {
            throw AwsError.client("DeploymentGroupDoesNotExistException", "No Deployment Group found for name: "
                    + name);
        }
        return g;
    }

    private static CodeDeployDeployment deployment(FakeAwsState s, JsonNode request) {
        String id = request.path("deploymentId").asText();
        CodeDeployDeployment d = s.codeDeployDeployments.get(id);
        if (d == null) {
            throw AwsError.client("DeploymentDoesNotExistException", "The deployment " + id + " could not be found.");
        }
        return d;
    }

    static TaskSet taskSet(FakeAwsState s, String id) {
        return s.taskSets.stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
    }
}
