package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.jenkins.plugins.ecsdeploy.core.config.DurationDeserializer;
import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import java.time.Duration;
import java.util.List;

/**
 * A new version to the idle slot: checked, then (when promoted) through the canary stages if any, switched to and
 * baked.
 *
 * @param imageTag the image tag to deploy
 * @param promote false stops after the smoke checks, leaving production traffic untouched
 * @param canary the canary stages before the switch, or null for none; a final 100 is the promotion
 * @param readinessTimeout overrides the environment's readiness timeout
 * @param bakeTime overrides the environment's bake time
 * @param scaleDownOldAfter overrides when the old slot is scaled to zero (null keeps the environment's setting)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeployRequest(
        String imageTag,
        boolean promote,
        CanaryStages canary,
        @JsonDeserialize(using = DurationDeserializer.class) Duration readinessTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) Duration bakeTime,
        @JsonDeserialize(using = DurationDeserializer.class) Duration scaleDownOldAfter,
        String startedBy) implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    @Override
    public Operation operation() {
        return Operation.DEPLOY;
    }

    public DeployRequest withPromote(boolean value) {
        return new DeployRequest(imageTag, value, canary, readinessTimeout, bakeTime, scaleDownOldAfter, startedBy);
    }

    /** Canary stages before the switch; no stages (null or empty) means none. */
    public DeployRequest withCanaryStages(List<Integer> stages, Duration stageDuration) {
        CanaryStages plan = stages == null || stages.isEmpty() ? null : new CanaryStages(stages, stageDuration);
        return new DeployRequest(imageTag, promote, plan, readinessTimeout, bakeTime, scaleDownOldAfter, startedBy);
    }

    public DeployRequest withTimings(Duration readiness, Duration bake, Duration scaleDown) {
        return new DeployRequest(imageTag, promote, canary, readiness, bake, scaleDown, startedBy);
    }

    @Override
    public void requireValid() {
        ImageReference.requireValidTag(imageTag);
        if (canary != null) {
            canary.requireValid();
        }
        requirePositive("readinessTimeout", readinessTimeout);
        requirePositive("bakeTime", bakeTime);
        if (scaleDownOldAfter != null && scaleDownOldAfter.isNegative()) {
            throw new IllegalArgumentException("scaleDownOldAfter: must not be negative.");
        }
    }

    @Override
    public String describe() {
        return "deploy " + imageTag + (promote ? "" : " (no promotion)")
                + (canary == null ? "" : " with canary stages " + canary.percents());
    }

    private static void requirePositive(String field, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(field + ": must be longer than zero.");
        }
    }
}
