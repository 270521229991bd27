package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/**
 * All traffic back to the previous slot, scaling it up first if it had been scaled down.
 *
 * @param slot the slot to go back to, or null for the slot not receiving traffic (a canary's stable one)
 * @param reason why, for the record
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RollbackRequest(Slot slot, String reason, String startedBy) implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    @Override
    public Operation operation() {
        return Operation.ROLLBACK;
    }

    @Override
    public void requireValid() {
        // Every slot and reason is valid: the engine reads AWS to decide where traffic goes.
    }

    @Override
    public String describe() {
        return "rollback" + (slot != null ? " to " + slot : "") + (reason != null ? ": " + reason : "");
    }
}
