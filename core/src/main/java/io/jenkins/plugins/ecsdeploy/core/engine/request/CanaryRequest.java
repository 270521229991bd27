package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/**
 * Canary stages on the slot that already runs the new version (after a deploy that was not promoted).
 *
 * @param stages the canary's share of traffic at each stage and how long each is analysed
 * @param slot the canary slot, or null for the slot with less traffic
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CanaryRequest(CanaryStages stages, Slot slot, String startedBy) implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    @Override
    public Operation operation() {
        return Operation.CANARY;
    }

    @Override
    public void requireValid() {
        if (stages == null) {
            throw new IllegalArgumentException(CanaryStages.NONE);
        }
        stages.requireValid();
    }

    @Override
    public String describe() {
        return "canary stages " + (stages == null ? "[]" : stages.percents());
    }
}
