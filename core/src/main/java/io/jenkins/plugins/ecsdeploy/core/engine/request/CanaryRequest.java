package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/**
 * Canary stages on the slot that already runs the new version (after a deploy that was not promoted).
 *
 * @param stages the canary's share of traffic at each stage and how long each is analysed
 * @param slot the canary slot, or null for the slot with less traffic
 * @param expectedImage the image the canary slot must run, or null for any: the run refuses before any write when
 *     it runs another (a bare tag such as {@code v1.2.3} is compared with the tag only)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CanaryRequest(CanaryStages stages, Slot slot, String startedBy, String expectedImage)
        implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    /** Canary stages on whatever image the canary slot runs. */
    public CanaryRequest(CanaryStages stages, Slot slot, String startedBy) {
        this(stages, slot, startedBy, null);
    }

    /** The same request, refused unless the canary slot runs {@code image}. */
    public CanaryRequest withExpectedImage(String image) {
        return new CanaryRequest(stages, slot, startedBy, ExpectedImage.normalize(image));
    }

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
        ExpectedImage.requireValid(expectedImage);
    }

    @Override
    public String describe() {
        return "canary stages " + (stages == null ? "[]" : stages.percents()) + ExpectedImage.describe(expectedImage);
    }
}
