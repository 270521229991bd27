package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.jenkins.plugins.ecsdeploy.core.config.DurationDeserializer;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;

/**
 * What a user asked for. Only the fields of its {@link Operation} matter; null fields take the environment's
 * settings.
 *
 * @param operation what to do
 * @param imageTag DEPLOY: the image tag to deploy
 * @param promote DEPLOY: false stops after the smoke checks, leaving production traffic untouched
 * @param canaryStages DEPLOY, CANARY: percent of traffic for the canary at each stage, ascending; a final 100
 *     is the promotion
 * @param stageDuration DEPLOY, CANARY: how long each canary stage is analysed
 * @param slot SWITCH: all traffic to this slot; ROLLBACK: the slot to go back to; CANARY: the canary slot
 *     (default: the slot with less traffic)
 * @param weights SWITCH: the split to set
 * @param startedBy who asked (a user id, or "cli")
 * @param reason why, for ROLLBACK and aborts
 * @param readinessTimeout overrides the environment's readiness timeout
 * @param bakeTime overrides the environment's bake time
 * @param scaleDownOldAfter overrides when the old slot is scaled to zero (null keeps the environment's setting)
 */
public record DeploymentRequest(
        Operation operation,
        String imageTag,
        Boolean promote,
        List<Integer> canaryStages,
        @JsonDeserialize(using = DurationDeserializer.class) Duration stageDuration,
        Slot slot,
        TrafficSplit weights,
        String startedBy,
        String reason,
        @JsonDeserialize(using = DurationDeserializer.class) Duration readinessTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) Duration bakeTime,
        @JsonDeserialize(using = DurationDeserializer.class) Duration scaleDownOldAfter) {

    public DeploymentRequest {
        promote = promote == null || promote;
        canaryStages = canaryStages == null ? List.of() : List.copyOf(canaryStages);
    }

    public static DeploymentRequest deploy(String imageTag, String startedBy) {
        return new DeploymentRequest(Operation.DEPLOY, imageTag, true, null, null, null, null, startedBy, null,
                null, null, null);
    }

    public static DeploymentRequest canary(List<Integer> stages, Duration stageDuration, Slot canarySlot,
            String startedBy) {
        return new DeploymentRequest(Operation.CANARY, null, true, stages, stageDuration, canarySlot, null,
                startedBy, null, null, null, null);
    }

    public static DeploymentRequest switchTo(TrafficSplit weights, String startedBy) {
        return new DeploymentRequest(Operation.SWITCH, null, true, null, null, null, weights, startedBy, null,
                null, null, null);
    }

    public static DeploymentRequest rollback(Slot toSlot, String startedBy, String reason) {
        return new DeploymentRequest(Operation.ROLLBACK, null, true, null, null, toSlot, null, startedBy, reason,
                null, null, null);
    }

    public DeploymentRequest withPromote(boolean value) {
        return new DeploymentRequest(operation, imageTag, value, canaryStages, stageDuration, slot, weights,
                startedBy, reason, readinessTimeout, bakeTime, scaleDownOldAfter);
    }

    public DeploymentRequest withCanaryPlan(List<Integer> stages, Duration duration) {
        return new DeploymentRequest(operation, imageTag, promote, stages, duration, slot, weights, startedBy,
                reason, readinessTimeout, bakeTime, scaleDownOldAfter);
    }

    public DeploymentRequest withTimings(Duration readiness, Duration bake, Duration scaleDown) {
        return new DeploymentRequest(operation, imageTag, promote, canaryStages, stageDuration, slot, weights,
                startedBy, reason, readiness, bake, scaleDown);
    }
}
