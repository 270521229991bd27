package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One deployment held by an {@code ecsDeployment} block across the steps and approvals inside it: the environment,
 * the AWS lock the block holds, and what the steps did so far (the slot and image prepared, whether production
 * traffic moved and whether it was promoted). The steps inside read it from their context, so they need no
 * environment and no colour, and tie every operation to the prepared version. Saved with the Pipeline's program.
 */
@Restricted(NoExternalUse.class)
public final class DeploymentScope implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String id;
    private final TargetEnvironment target;
    private final String environment;
    // The lock as stored in AWS, field by field: the core record is not Serializable.
    private String lockId;
    private String lockOwner;
    private long lockSince;
    private long lockExpires;
    private String lockWhere;
    private String targetSlot;
    private String stableSlot;
    private String fromImage;
    private String toImage;
    private boolean trafficMoved;
    private boolean promoted;

    public DeploymentScope(String id, TargetEnvironment target, String environment) {
        this.id = id;
        this.target = target;
        this.environment = environment;
    }

    public String getId() {
        return id;
    }

    public TargetEnvironment getTarget() {
        return target;
    }

    public String getEnvironment() {
        return environment;
    }

    @CheckForNull
    public synchronized LockHolder lock() {
        return lockId == null ? null : new LockHolder(lockId, lockOwner, Instant.ofEpochSecond(lockSince),
                Instant.ofEpochSecond(lockExpires), lockWhere);
    }

    public synchronized void setLock(@CheckForNull LockHolder held) {
        if (held == null) {
            lockId = null;
            return;
        }
        lockId = held.deploymentId();
        lockOwner = held.owner();
        lockSince = held.since().getEpochSecond();
        lockExpires = held.expires() == null ? lockSince : held.expires().getEpochSecond();
        lockWhere = held.where();
    }

    /** The slot the deployment prepared (its new version), or null before a deploy ran in the block. */
    @CheckForNull
    public synchronized Slot targetSlot() {
        return targetSlot == null ? null : Slot.parse(targetSlot);
    }

    @CheckForNull
    public synchronized Slot stableSlot() {
        return stableSlot == null ? null : Slot.parse(stableSlot);
    }

    @CheckForNull
    public synchronized String toImage() {
        return toImage;
    }

    @CheckForNull
    public synchronized String fromImage() {
        return fromImage;
    }

    /** Whether production traffic is off the stable slot and the new version was not promoted. */
    public synchronized boolean needsRollback() {
        return trafficMoved && !promoted;
    }

    public synchronized boolean isPromoted() {
        return promoted;
    }

    /** Takes in what a step inside the block did: what it prepared, where traffic went, the lock as renewed. */
    public synchronized void recordStep(DeploymentState state) {
        DeploymentRecord record = state.getRecord();
        if (state.getLock() != null) {
            setLock(state.getLock());
        }
        if (record.getOperation() == Operation.DEPLOY && record.getToSlot() != null) {
            targetSlot = record.getToSlot().id();
            stableSlot = record.getFromSlot() == null ? null : record.getFromSlot().id();
            fromImage = record.getFromImage();
            toImage = record.getToImage();
        }
        TrafficSplit split = state.getSplitWanted();
        if (split == null || targetSlot == null) {
            return;
        }
        Slot target = Slot.parse(targetSlot);
        promoted = split.equals(TrafficSplit.allTo(target));
        trafficMoved = split.percentOf(target) > 0;
    }
}
