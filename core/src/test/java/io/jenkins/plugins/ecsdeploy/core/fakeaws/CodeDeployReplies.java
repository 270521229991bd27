package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployDeployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployGroup;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.TaskSet;
import java.util.Map;

/** The JSON CodeDeploy answers with for groups, deployments and ECS targets, and the listener writes it makes. */
final class CodeDeployReplies {

    private CodeDeployReplies() {
    }

    static void group(CodeDeployGroup g, ObjectNode out) {
        out.put("applicationName", g.application).put("deploymentGroupName", g.name)
                .put("deploymentGroupId", "dg-" + Math.abs(g.name.hashCode()))
                .put("deploymentConfigName", g.deploymentConfig).put("computePlatform", "ECS")
                .put("serviceRoleArn", "arn:aws:iam::" + FakeAws.ACCOUNT + ":role/codedeploy-ecs");
        out.putArray("ecsServices").addObject().put("serviceName", g.service).put("clusterName", g.cluster);
        ObjectNode pair = out.putObject("loadBalancerInfo").putArray("targetGroupPairInfoList").addObject();
        ArrayNode groups = pair.putArray("targetGroups");
        g.targetGroups.forEach(name -> groups.addObject().put("name", name));
        pair.putObject("prodTrafficRoute").putArray("listenerArns").add(g.prodListenerArn);
        if (g.testListenerArn != null) {
            pair.putObject("testTrafficRoute").putArray("listenerArns").add(g.testListenerArn);
        }
        ObjectNode alarms = out.putObject("alarmConfiguration").put("enabled", g.alarmsEnabled)
                .put("ignorePollAlarmFailure", false);
        ArrayNode names = alarms.putArray("alarms");
        g.alarms.forEach(a -> names.addObject().put("name", a));
        ObjectNode rollback = out.putObject("autoRollbackConfiguration").put("enabled", g.autoRollback);
        rollback.putArray("events").add("DEPLOYMENT_FAILURE").add("DEPLOYMENT_STOP_ON_ALARM");
        out.putObject("deploymentStyle").put("deploymentType", "BLUE_GREEN")
                .put("deploymentOption", "WITH_TRAFFIC_CONTROL");
        ObjectNode blueGreen = out.putObject("blueGreenDeploymentConfiguration");
        blueGreen.putObject("deploymentReadyOption").put("actionOnTimeout", g.readyWait ? "STOP_DEPLOYMENT"
                : "CONTINUE_DEPLOYMENT").put("waitTimeInMinutes", g.readyWait ? 60 : 0);
        blueGreen.putObject("terminateBlueInstancesOnDeploymentSuccess").put("action", "TERMINATE")
                .put("terminationWaitTimeInMinutes", g.terminationWaitMinutes);
    }

    static void deployment(CodeDeployDeployment d, FakeAwsState s, ObjectNode out) {
        CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
        out.put("deploymentId", d.id).put("applicationName", d.application).put("deploymentGroupName", d.group)
                .put("deploymentConfigName", d.config).put("status", d.status).put("createTime", d.createdAt)
                .put("computePlatform", "ECS").put("creator", "user")
                .put("instanceTerminationWaitTimeStarted", d.terminationWaitStarted);
        if (d.description != null) {
            out.put("description", d.description);
        }
        if (d.errorCode != null) {
            out.putObject("errorInformation").put("code", d.errorCode).put("message", d.errorMessage);
        }
        if (d.rollback) {
            out.putObject("rollbackInfo").put("rollbackMessage", "Deployment " + d.id + " was rolled back: traffic"
                    + " rerouted to the original task set.");
        }
        out.putObject("autoRollbackConfiguration").put("enabled", g.autoRollback);
        out.putObject("revision").put("revisionType", "AppSpecContent").putObject("appSpecContent")
                .put("content", d.appSpec);
        out.putObject("deploymentStyle").put("deploymentType", "BLUE_GREEN")
                .put("deploymentOption", "WITH_TRAFFIC_CONTROL");
    }

    static void target(CodeDeployDeployment d, FakeAwsState s, ObjectNode out) {
        CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
        out.put("deploymentTargetType", "ECSTarget");
        ObjectNode ecs = out.putObject("ecsTarget").put("deploymentId", d.id)
                .put("targetId", g.cluster + ":" + g.service)
                .put("targetArn", FakeEcs.serviceArn(s, FakeEcs.clusterArn(s, g.cluster), g.service))
                .put("lastUpdatedAt", d.stepAt).put("status", targetStatus(d));
        ArrayNode events = ecs.putArray("lifecycleEvents");
        for (Map.Entry<String, String> e : d.events.entrySet()) {
            events.addObject().put("lifecycleEventName", e.getKey()).put("status", e.getValue());
        }
        ArrayNode sets = ecs.putArray("taskSetsInfo");
        taskSet(sets, FakeCodeDeploy.taskSet(s, d.originalTaskSet), "Blue", 100 - d.percent, s);
        if (d.replacementTaskSet != null) {
            taskSet(sets, FakeCodeDeploy.taskSet(s, d.replacementTaskSet), "Green", d.percent, s);
        }
    }

    private static void taskSet(ArrayNode sets, TaskSet t, String label, int weight, FakeAwsState s) {
        if (t == null) {
            return;
        }
        sets.addObject().put("identifer", t.id).put("desiredCount", t.tasks.size()).put("pendingCount", 0)
                .put("runningCount", t.tasks.size()).put("status", "Blue".equals(label) ? "PRIMARY" : "ACTIVE")
                .put("trafficWeight", (double) weight).put("taskSetLabel", label)
                .putObject("targetGroup").put("name", s.targetGroups.get(t.targetGroupArn).name);
    }

    private static String targetStatus(CodeDeployDeployment d) {
        return switch (d.status) {
            case "Ready" -> "Ready";
            case "Succeeded" -> "Succeeded";
            case "Failed" -> "Failed";
            case "Stopped" -> "Skipped";
            default -> "InProgress";
        };
    }

    /** Makes the listener forward {@code percent} to {@code target} and the rest to {@code other} (or all to target). */
    static void forward(FakeAwsState s, String listenerArn, String target, int percent, String other) {
        FakeAwsState.Action action = new FakeAwsState.Action();
        if (other == null) {
            action.targetGroups.add(new FakeAwsState.Weighted(target, 1));
        } else {
            action.targetGroups.add(new FakeAwsState.Weighted(other, 100 - percent));
            action.targetGroups.add(new FakeAwsState.Weighted(target, percent));
        }
        FakeAwsState.Listener listener = s.listeners.get(listenerArn);
        listener.actions.clear();
        listener.actions.add(action);
    }

    /** The replacement's share {@code elapsed} seconds into the shift, by the config's kind. */
    static int percentAt(String kind, long elapsed) {
        String[] parts = kind.split(":");
        return switch (parts[0]) {
            case "Canary" -> elapsed < Long.parseLong(parts[2]) * 60 ? Integer.parseInt(parts[1]) : 100;
            case "Linear" -> (int) Math.min(100, Integer.parseInt(parts[1])
                    * (1 + elapsed / (Long.parseLong(parts[2]) * 60)));
            default -> 100;
        };
    }

    /** The Lambda function the AppSpec names for {@code event}, or null. */
    static String hookFunction(String appSpec, String event) {
        try {
            for (JsonNode hook : JSON.readTree(appSpec).path("Hooks")) {
                if (hook.has(event)) {
                    return hook.get(event).asText();
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored AppSpec is not JSON", e);
        }
    }
}
