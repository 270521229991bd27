package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;

/** Why the run rolls back, where the rollback puts traffic if not where it planned, and how often it tried. */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class RollbackProgress {

    /** Why the run is rolling back; null for a rollback that a user asked for. */
    String failureReason;
    /**
     * Where traffic goes instead of the plan's rollback split, because that split's slot was unhealthy; null
     * otherwise.
     */
    TrafficSplit fallbackSplit;
    /** The ROLLBACK_FAILED message of the fallback, reported once its split reads back; null without one. */
    String fallbackMessage;
    /** Rollback writes made, bounded by {@link RollbackPhases#MAX_ROLLBACK_WRITES}. */
    int writes;
    /** Consecutive AWS failures of the rollback's calls, for back-off; reset by every step that succeeds. */
    int awsFailures;

    /** Why the run rolls back and a space, to start a message with; nothing for a rollback a user asked for. */
    String reasonPrefix() {
        return failureReason == null ? "" : failureReason + " ";
    }

    /** Where the rollback puts traffic now. */
    TrafficSplit target(RunPlan plan) {
        return fallbackSplit != null ? fallbackSplit : plan.rollbackSplit;
    }
}
