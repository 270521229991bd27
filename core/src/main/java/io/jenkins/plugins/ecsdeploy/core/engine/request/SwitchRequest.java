package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;

/**
 * Set the production split to {@code weights}, verified by reading it back; all traffic to one slot is the split
 * {@code TrafficSplit.allTo(slot)}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SwitchRequest(TrafficSplit weights, String startedBy) implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    @Override
    public Operation operation() {
        return Operation.SWITCH;
    }

    @Override
    public void requireValid() {
        if (weights == null) {
            throw new IllegalArgumentException(
                    "switch: give either a slot (to: 'green') or weights (blue=90,green=10), not both.");
        }
    }

    @Override
    public String describe() {
        return "switch traffic to " + weights;
    }
}
