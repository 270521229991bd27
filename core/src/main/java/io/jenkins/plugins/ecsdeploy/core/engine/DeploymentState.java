package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;

/**
 * The whole state of one deployment run: enough to resume it after a crash or a controller restart. Plain data,
 * serialised with {@link StateJson}; the engine is the only writer. Callers save it after every
 * {@link DeploymentEngine#advance} and may read the getters.
 */
public final class DeploymentState {

    final DeploymentRecord record = new DeploymentRecord();
    DeploymentRequest request;
    Phase phase = Phase.PREFLIGHT;
    Instant phaseEnteredAt;
    ResolvedEnvironment resolved;
    /** The deployment lock as this run last wrote it; null until taken. Kept across a resume. */
    LockHolder lock;
    /** The run that holds (or took) the lock, when that is why this run stopped. */
    LockHolder lockConflict;

    /** Slots and task definitions recorded at preflight. */
    Slot stableSlot;
    Slot targetSlot;
    String sourceTaskDefinitionArn;
    String newTaskDefinitionArn;
    int desiredCount;

    /** Deadline of the current waiting phase (readiness, verify read-back, bake, scale-down delay). */
    Instant deadline;
    /** When the bake last saw the new slot healthy; a longer gap than a few polls is added to the bake. */
    Instant bakeWatchedAt;
    /** Attempts made in the current phase (smoke check retries, read-backs). */
    int attempts;
    int smokeIndex;

    /** Canary progress: index into the plan, and the start of the next interval to analyse. */
    int stageIndex;
    Instant stageEndsAt;
    Instant intervalStart;

    /** Whether production traffic has moved in this run; decides between FAILED and a rollback. */
    boolean trafficMoved;
    /** The production split when the run started. */
    TrafficSplit splitBefore;
    /** The split the run is moving to now (canary share, switch target); verified by reading it back. */
    TrafficSplit splitWanted;
    /** Where a rollback puts traffic: all on the stable slot, or the split before a manual switch. */
    TrafficSplit rollbackSplit;
    /** When a read first showed another split than {@link #splitWanted}; null while they agree. */
    Instant splitMismatchSince;

    /** Set by an abort request; the next advance rolls back (or stops, if traffic never moved). */
    String abortReason;
    String abortedBy;
    /** Why the run is rolling back; null for a rollback that a user asked for. */
    String failureReason;
    /**
     * The ROLLBACK_FAILED message of a rollback that went to the other slot because its own target was unhealthy;
     * reported once that split reads back. Null otherwise.
     */
    String rollbackFailure;
    /** Rollback writes made, bounded by RollbackPhases.MAX_ROLLBACK_WRITES. */
    int rollbackWrites;
    /** Consecutive AWS failures in the current phase, for back-off. */
    int awsFailures;

    public DeploymentRecord getRecord() {
        return record;
    }

    public DeploymentRequest getRequest() {
        return request;
    }

    public Phase getPhase() {
        return phase;
    }

    public ResolvedEnvironment getResolved() {
        return resolved;
    }

    public boolean isFinished() {
        return phase.isTerminal();
    }

    public String getId() {
        return record.id;
    }

    /** The slot that served production before the run (the rollback target). */
    public Slot getStableSlot() {
        return stableSlot;
    }

    /** The slot the run deploys to or moves traffic to. */
    public Slot getTargetSlot() {
        return targetSlot;
    }

    /** The split the run last asked for, or null before it asked for any. */
    public TrafficSplit getSplitWanted() {
        return splitWanted;
    }

    /** The deployment lock this run took, or null before preflight. */
    public LockHolder getLock() {
        return lock;
    }

    /** Another run holding the deployment lock, when that is why this run stopped; null otherwise. */
    public LockHolder getLockConflict() {
        return lockConflict;
    }

    public boolean isAbortRequested() {
        return abortReason != null;
    }
}
