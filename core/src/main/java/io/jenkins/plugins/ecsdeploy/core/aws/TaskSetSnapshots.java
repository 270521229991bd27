package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * A slot of a service whose task sets CodeDeploy owns: both slots are the one service, so what a slot runs is the
 * task set registered in the slot's target group, not the service's own task definition (which names only the
 * primary task set's). A slot with no task set runs nothing: no task definition, no tasks.
 */
final class TaskSetSnapshots {

    private TaskSetSnapshots() {
    }

    static boolean applies(Service service) {
        return service.hasTaskSets() && !service.taskSets().isEmpty();
    }

    static ServiceSnapshot of(Service service, String controller, String targetGroupArn) {
        TaskSet taskSet = service.taskSets().stream()
                .filter(t -> !"DRAINING".equals(t.status()))
                .filter(t -> t.loadBalancers().stream().anyMatch(lb -> targetGroupArn.equals(lb.targetGroupArn())))
                .findFirst().orElse(null);
        if (taskSet == null) {
            return new ServiceSnapshot(service.serviceName() + " (no task set)", service.serviceArn(),
                    service.status(), controller, null, 0, 0, 0, null, null, 0);
        }
        // A task set is one revision: it is steady when ECS says so, and counts as one deployment.
        String rollout = "STEADY_STATE".equals(taskSet.stabilityStatusAsString()) ? "COMPLETED" : "IN_PROGRESS";
        return new ServiceSnapshot(service.serviceName() + " task set " + taskSet.id(), service.serviceArn(),
                service.status(), controller, taskSet.taskDefinition(), count(taskSet.computedDesiredCount()),
                count(taskSet.runningCount()), count(taskSet.pendingCount()), rollout, null, 1);
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
