package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.TaskSet;

/**
 * The {@code taskSets} ECS reports in DescribeServices for a service whose task sets CodeDeploy owns: each with its
 * task definition, its target group and its task counts. The task set running the service's task definition is
 * PRIMARY, as ECS reports the one serving production until traffic is rerouted. Also the capacity provider
 * strategy, which a CodeDeploy AppSpec must repeat.
 */
final class FakeTaskSets {

    private FakeTaskSets() {
    }

    static void describe(Service v, FakeAwsState s, ObjectNode serviceJson) {
        if (!"CODE_DEPLOY".equals(v.deploymentController)) {
            return;
        }
        ArrayNode out = serviceJson.putArray("taskSets");
        for (TaskSet t : s.taskSets) {
            if (!t.service.equals(v.name)) {
                continue;
            }
            ObjectNode json = out.addObject().put("id", t.id)
                    .put("taskSetArn", v.arn.replace(":service/", ":task-set/") + "/" + t.id)
                    .put("serviceArn", v.arn).put("clusterArn", v.clusterArn)
                    .put("status", t.taskDefinitionArn.equals(v.primary().taskDefinitionArn) ? "PRIMARY" : "ACTIVE")
                    .put("taskDefinition", t.taskDefinitionArn).put("computedDesiredCount", t.tasks.size())
                    .put("runningCount", t.tasks.size()).put("pendingCount", 0).put("launchType", "FARGATE")
                    .put("stabilityStatus", "STEADY_STATE");
            json.putArray("loadBalancers").addObject().put("targetGroupArn", t.targetGroupArn)
                    .put("containerName", v.containerName).put("containerPort", v.containerPort);
            json.putObject("scale").put("value", 100.0).put("unit", "PERCENT");
        }
    }

    /** The capacity provider strategy a service was created with, in place of a launch type. */
    static void capacityProviders(Service v, ObjectNode serviceJson) {
        if (v.capacityProviderStrategy.isEmpty()) {
            return;
        }
        serviceJson.remove("launchType");
        ArrayNode out = serviceJson.putArray("capacityProviderStrategy");
        v.capacityProviderStrategy.forEach((provider, baseAndWeight) -> out.addObject()
                .put("capacityProvider", provider).put("base", baseAndWeight[0]).put("weight", baseAndWeight[1]));
    }
}
