package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;

/**
 * What a run decided once, at the lock's confirmation, from what AWS said then: where traffic was, which slot it
 * deploys to or moves traffic to, and where a rollback puts traffic. Written only in {@code CONFIRM_LOCK}
 * ({@link PreflightPhase}), in the order the checks there allow, and never changed afterwards.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class RunPlan {

    /** The production split when the run started. */
    TrafficSplit splitBefore;
    /** The slot that served production before the run, and the one the run deploys to or moves traffic to. */
    Slot stableSlot;
    Slot targetSlot;
    /** Where a rollback puts traffic: all on the stable slot, or the split before a manual switch. */
    TrafficSplit rollbackSplit;
    /** The live slot's task definition, which the new revision copies (deploy only). */
    String sourceTaskDefinitionArn;
    /** How many tasks the target slot runs (deploy, and rollback to a scaled-down slot). */
    int desiredCount;

    RunPlan() {
    }

    RunPlan(TrafficSplit splitBefore) {
        this.splitBefore = splitBefore;
    }
}
