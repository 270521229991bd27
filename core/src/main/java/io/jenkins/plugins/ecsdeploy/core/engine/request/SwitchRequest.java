package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;

/**
 * Set the production split to {@code weights}, verified by reading it back; all traffic to one slot is the split
 * {@code TrafficSplit.allTo(slot)}.
 *
 * @param expectedImage the image the slot gaining traffic must run, or null for any: the run refuses before any
 *     write when it runs another (a bare tag such as {@code v1.2.3} is compared with the tag only)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SwitchRequest(TrafficSplit weights, String startedBy, String expectedImage)
        implements DeploymentRequest {

    private static final long serialVersionUID = 1L;

    /** A switch to whatever the slots run. */
    public SwitchRequest(TrafficSplit weights, String startedBy) {
        this(weights, startedBy, null);
    }

    /** The same request, refused unless the slot gaining traffic runs {@code image}. */
    public SwitchRequest withExpectedImage(String image) {
        return new SwitchRequest(weights, startedBy, ExpectedImage.normalize(image));
    }

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
        ExpectedImage.requireValid(expectedImage);
    }

    @Override
    public String describe() {
        return "switch traffic to " + weights + ExpectedImage.describe(expectedImage);
    }
}
