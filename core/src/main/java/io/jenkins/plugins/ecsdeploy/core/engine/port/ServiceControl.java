package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;

/** The ECS side of a slot: its service, task definition and task count. */
public interface ServiceControl {

    ServiceSnapshot describe(Slot slot);

    /** Both slots' services, in one call where the API reads several at once. */
    default java.util.Map<Slot, ServiceSnapshot> describeBoth() {
        return java.util.Map.of(Slot.BLUE, describe(Slot.BLUE), Slot.GREEN, describe(Slot.GREEN));
    }

    /** The task definition revision and the image of the deployed container. */
    TaskDefinitionSummary taskDefinition(String taskDefinitionArn);

    /**
     * Registers a new revision of {@code sourceTaskDefinitionArn}'s family that differs only in the deployed
     * container's image tag, and returns its ARN.
     */
    String registerWithImageTag(String sourceTaskDefinitionArn, String imageTag);

    /** Points the slot's service at a task definition revision with the given task count. */
    void update(Slot slot, String taskDefinitionArn, int desiredCount);

    /** Changes only the slot's task count. */
    void scale(Slot slot, int desiredCount);
}
