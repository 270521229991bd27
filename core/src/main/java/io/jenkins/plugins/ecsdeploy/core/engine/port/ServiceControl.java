package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import java.util.Optional;

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

    /**
     * The slot's own base URL ({@code https://host}, no trailing slash), for smoke checks that name it
     * {@code ${slotUrl}}; empty for slots reached only through the load balancer or the records (ECS, kind none).
     */
    default Optional<String> url(Slot slot) {
        return Optional.empty();
    }

    /**
     * Makes the slot's service ready to be {@link #update updated}, and says what is still awaited; empty once it
     * may be updated. Called on every poll until then, so it must be idempotent. An ECS service always may; a paused
     * App Runner service is resumed first, since App Runner refuses to update it.
     */
    default Optional<String> prepareUpdate(Slot slot) {
        return Optional.empty();
    }

    /**
     * Called once a verified rollback took all traffic off {@code slot}: what was done with it, for the log, or
     * empty. Must not throw for an AWS failure (traffic is safe by now): say so in the result instead. An ECS slot is
     * left as it is, for inspection and a quick return; a failed App Runner service is paused.
     */
    default Optional<String> rolledBackFrom(Slot slot) {
        return Optional.empty();
    }
}
