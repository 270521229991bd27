package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened in one deployment run, for people: who, when, from which slot and image to which, every
 * transition with its reason, smoke check results, canary analysis, and the outcome. Plain data, saved as JSON
 * by the CLI and in the build by the plugin. Holds no credentials.
 */
public final class DeploymentRecord {

    String id;
    Operation operation;
    String environment;
    String startedBy;
    Instant startedAt;
    Instant finishedAt;
    Slot fromSlot;
    Slot toSlot;
    String fromImage;
    String toImage;
    final List<Transition> transitions = new ArrayList<>();
    final List<SmokeResult> smokeResults = new ArrayList<>();
    final List<StageRecord> stages = new ArrayList<>();
    Outcome outcome;
    String outcomeMessage;
    String abortedBy;
    /** The id of the deployment AWS ran for this run (CodeDeploy, ECS-native), or null. */
    String managedDeployment;
    /** That deployment's lifecycle events as they were seen, oldest first ("BeforeInstall: Succeeded"). */
    final List<String> managedEvents = new ArrayList<>();
    /** The rollback that moved traffic under this run and stopped it, or null. */
    String preemptedBy;

    /** The image each slot ran when this run ended, as far as the record says. */
    java.util.Map<Slot, String> imagesBySlot() {
        java.util.Map<Slot, String> images = new java.util.EnumMap<>(Slot.class);
        if (fromSlot != null && fromImage != null) {
            images.put(fromSlot, fromImage);
        }
        if (toSlot != null && toImage != null) {
            images.put(toSlot, toImage);
        }
        return images;
    }

    /** The rollback (id, who, when, why) that pre-empted this run, or null when none did. */
    public String getPreemptedBy() {
        return preemptedBy;
    }

    /** The id of the deployment AWS ran for this run (CodeDeploy, ECS-native), or null. */
    public String getManagedDeployment() {
        return managedDeployment;
    }

    /** Its lifecycle events as the run saw them, oldest first, each "name: status". */
    public List<String> getManagedEvents() {
        return java.util.Collections.unmodifiableList(managedEvents);
    }

    public String getId() {
        return id;
    }

    public Operation getOperation() {
        return operation;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Slot getFromSlot() {
        return fromSlot;
    }

    public Slot getToSlot() {
        return toSlot;
    }

    public String getFromImage() {
        return fromImage;
    }

    public String getToImage() {
        return toImage;
    }

    public List<Transition> getTransitions() {
        return List.copyOf(transitions);
    }

    public List<SmokeResult> getSmokeResults() {
        return List.copyOf(smokeResults);
    }

    public List<StageRecord> getStages() {
        return List.copyOf(stages);
    }

    /** Null while the run is under way. */
    public Outcome getOutcome() {
        return outcome;
    }

    public String getOutcomeMessage() {
        return outcomeMessage;
    }

    /** Who aborted the run, if someone did. */
    public String getAbortedBy() {
        return abortedBy;
    }
}
