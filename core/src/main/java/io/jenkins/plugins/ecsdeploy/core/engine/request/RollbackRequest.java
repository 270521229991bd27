package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/**
 * All traffic back to the previous slot, scaling it up first if it had been scaled down.
 *
 * @param slot the slot to go back to, or null for the slot not receiving traffic (a canary's stable one)
 * @param reason why, for the record
 * @param expectedImage the image the slot traffic returns to must run, or null for any: the rollback refuses
 *     before any write when it runs another (a bare tag such as {@code v1.2.3} is compared with the tag only).
 *     Reading it costs two calls before the write.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RollbackRequest(Slot slot, String reason, String startedBy, String expectedImage)
        implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    /** A rollback to whatever the slot runs. */
    public RollbackRequest(Slot slot, String reason, String startedBy) {
        this(slot, reason, startedBy, null);
    }

    /** The same request, refused unless the slot traffic returns to runs {@code image}. */
    public RollbackRequest withExpectedImage(String image) {
        return new RollbackRequest(slot, reason, startedBy, ExpectedImage.normalize(image));
    }

    @Override
    public Operation operation() {
        return Operation.ROLLBACK;
    }

    @Override
    public void requireValid() {
        // Every slot and reason is valid: the engine reads AWS to decide where traffic goes.
        ExpectedImage.requireValid(expectedImage);
    }

    @Override
    public String describe() {
        return "rollback" + (slot != null ? " to " + slot : "") + ExpectedImage.describe(expectedImage)
                + (reason != null ? ": " + reason : "");
    }
}
