package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryStages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;

/**
 * The whole state of one deployment run: enough to resume it after a crash or a controller restart. The request,
 * the environment resolved at preflight and the {@link RunPlan} decided at the lock's confirmation are apart from
 * what changes as the run goes: the current phase's wait, the rollout, the traffic, the canary and the rollback.
 * Plain data, saved with {@link StateJson} in format {@link #SCHEMA_VERSION}; the engine is the only writer. Callers
 * save it after every {@link DeploymentEngine#advance} and may read the getters.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class DeploymentState {

    /** The format of a saved state. The first format (1) carried no version; {@link StateJson} migrates it. */
    static final int SCHEMA_VERSION = 5;

    int schemaVersion = SCHEMA_VERSION;
    final DeploymentRecord record = new DeploymentRecord();
    DeploymentRequest request;
    Phase phase = Phase.PREFLIGHT;
    Instant phaseEnteredAt;
    ResolvedEnvironment resolved;
    /** The deployment lock as this run last wrote it; null until taken. Kept across a resume. */
    LockHolder lock;
    /** Whether {@link #lock} was taken by the caller's scope, which renews it between runs and releases it. */
    boolean lockFromScope;
    /** The run that holds (or took) the lock, when that is why this run stopped. */
    LockHolder lockConflict;
    /** Null until {@code CONFIRM_LOCK} read the production split. */
    RunPlan plan;
    final PhaseWait wait = new PhaseWait();
    final RolloutProgress rollout = new RolloutProgress();
    final TrafficProgress traffic = new TrafficProgress();
    final CanaryProgress canary = new CanaryProgress();
    final RollbackProgress rollback = new RollbackProgress();
    /** A deployment that AWS runs itself; all null in environments where the engine moves traffic. */
    final ManagedRun managed = new ManagedRun();
    /** Null unless someone asked the run to stop. */
    AbortRequest abort;
    /**
     * What {@link KnownImages} knows: container, then task definition ARN, to image. Optional (states saved before
     * it have none, and read it as null), so it needs no new format.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    java.util.Map<String, java.util.Map<String, String>> taskDefinitionImages;
    /**
     * The image each slot ran as the earlier run whose names this run reuses recorded it, for the record of a
     * preemptive rollback, which reads no service; not saved (a resumed run reads the image instead).
     */
    transient java.util.Map<Slot, String> recordedImages = java.util.Map.of();
    /**
     * For a rollback, the slot the earlier run whose names it reuses kept as its stable one: where a rollback most
     * likely returns, whose health it reads while it reads the listener. Not saved: a guess.
     */
    transient Slot likelyRollbackSlot;

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

    /** The slot that served production before the run (the rollback target), or null before it was planned. */
    public Slot getStableSlot() {
        return plan == null ? null : plan.stableSlot;
    }

    /** The slot the run deploys to or moves traffic to, or null before it was planned. */
    public Slot getTargetSlot() {
        return plan == null ? null : plan.targetSlot;
    }

    /** The split the run last asked for, or null before it asked for any. */
    public TrafficSplit getSplitWanted() {
        return traffic.wanted;
    }

    /** The deployment lock this run took, or null before preflight. */
    public LockHolder getLock() {
        return lock;
    }

    /** Another run holding the deployment lock, when that is why this run stopped; null otherwise. */
    public LockHolder getLockConflict() {
        return lockConflict;
    }

    /** Whether the run acts under a lock its caller's scope holds, and leaves it held when it ends. */
    public boolean isLockFromScope() {
        return lockFromScope;
    }

    public boolean isAbortRequested() {
        return abort != null;
    }

    /** The request of a deploy; only the deploy's own phases ask. */
    DeployRequest deployRequest() {
        return (DeployRequest) request;
    }

    /** The canary stages of a deploy or canary run, or null for a deploy without them. */
    CanaryStages canaryStages() {
        return request instanceof CanaryRequest c ? c.stages() : deployRequest().canary();
    }
}
