package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What a user asked for: one record per {@link Operation}, each with only the fields that operation reads. Plain
 * values, serializable, and saved in the run's state (tagged with its operation); a null duration or slot takes
 * the environment's setting or the engine's choice. {@code DeploymentEngine.start} checks a request
 * ({@link #requireValid}) before the run exists, so bad input never reaches AWS.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "operation")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DeployRequest.class, name = "DEPLOY"),
    @JsonSubTypes.Type(value = CanaryRequest.class, name = "CANARY"),
    @JsonSubTypes.Type(value = SwitchRequest.class, name = "SWITCH"),
    @JsonSubTypes.Type(value = RollbackRequest.class, name = "ROLLBACK")})
public sealed interface DeploymentRequest extends Serializable
        permits DeployRequest, CanaryRequest, SwitchRequest, RollbackRequest {

    Operation operation();

    /** Who asked: a user id, or "cli". */
    String startedBy();

    /**
     * @throws IllegalArgumentException naming the bad field and what would be valid
     */
    void requireValid();

    /** The request in a few words, for the first line of the run's record. */
    String describe();

    /** New image {@code imageTag} to the idle slot, checked, then switched to and baked. */
    static DeployRequest deploy(String imageTag, String startedBy) {
        return new DeployRequest(imageTag, true, null, null, null, null, startedBy);
    }

    /** Canary stages on {@code canarySlot} (null: the slot with less traffic). */
    static CanaryRequest canary(List<Integer> stages, Duration stageDuration, Slot canarySlot, String startedBy) {
        return new CanaryRequest(new CanaryStages(stages, stageDuration), canarySlot, startedBy);
    }

    /** The production split set to {@code weights}. */
    static SwitchRequest switchTo(TrafficSplit weights, String startedBy) {
        return new SwitchRequest(weights, startedBy);
    }

    /** All traffic back to {@code toSlot} (null: the slot not receiving traffic, or a canary's stable one). */
    static RollbackRequest rollback(Slot toSlot, String startedBy, String reason) {
        return new RollbackRequest(toSlot, reason, startedBy);
    }
}
