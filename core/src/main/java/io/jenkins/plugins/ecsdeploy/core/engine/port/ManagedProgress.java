package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.List;
import java.util.Objects;

/**
 * A deployment run by AWS as AWS reports it at one moment.
 *
 * @param id the deployment's id
 * @param status where it is, in the engine's terms
 * @param stage AWS's own word for the step under way, for people ("READY_WAIT", "BeforeAllowTraffic"); may be null
 * @param original the slot whose target group the original task set (the version before the deployment) serves
 *     from, or null when AWS does not say yet
 * @param split the production share of each slot as the task sets' weights say, or null when AWS reports none
 *     yet; the engine verifies traffic on the listener, not with this
 * @param events the lifecycle events so far, oldest first, each "name: status" ("BeforeInstall: Succeeded")
 * @param message AWS's explanation of a failure or a stop (error code and message), or null
 */
public record ManagedProgress(String id, ManagedStatus status, String stage, Slot original,
        TrafficSplit split, List<String> events, String message) {

    public ManagedProgress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        events = events == null ? List.of() : List.copyOf(events);
    }
}
