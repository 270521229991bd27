package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.SlotStatus;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;

/**
 * Whether the Rollback button of a build may act now. A rollback moves traffic to a slot, so the check is on
 * versions, not only on the split: the split this build left must be the live one, the slot traffic goes back to
 * must still run the version that served before this build, and the slot serving now must run the version this
 * build put there. Otherwise a later build changed things (build #5 put v5 on green, #6 v6 on blue, #7 v7 on green:
 * the split is "all green" again, but going back to blue would serve v6), and the button refuses.
 */
final class RollbackCheck {

    private RollbackCheck() {
    }

    /** Why the button may not be offered, judged from the build's record alone (no AWS call), or null. */
    @CheckForNull
    static String recordedRefusal(@CheckForNull DeploymentEntry latest) {
        if (latest == null) {
            return Messages.DeploymentAction_nothingToRollBack();
        }
        if (latest.isRunning()) {
            return Messages.DeploymentAction_stillRunning();
        }
        DeploymentRecord record = latest.getRecord();
        if (record.getOperation() == Operation.ROLLBACK) {
            return Messages.DeploymentAction_alreadyRolledBack();
        }
        if (latest.getFinalSplit() == null) {
            return Messages.DeploymentAction_finalSplitUnknown();
        }
        if (latest.getState().getStableSlot() == null) {
            return Messages.DeploymentAction_nothingToRollBack();
        }
        return null;
    }

    /** Why the button refuses given what AWS shows now, or null when the rollback may run. */
    @CheckForNull
    static String refusal(DeploymentEntry latest, LiveStatus live) {
        String recorded = recordedRefusal(latest);
        if (recorded != null) {
            return recorded;
        }
        EnvironmentStatus status = live.getStatus();
        if (status == null) {
            return Messages.DeploymentAction_liveUnreadable(live.getError());
        }
        TrafficSplit expected = latest.getFinalSplit();
        if (!status.split().equals(expected)) {
            return Messages.DeploymentAction_trafficMoved(expected, status.split());
        }
        DeploymentRecord record = latest.getRecord();
        Slot back = latest.getState().getStableSlot();
        String wrongBack = wrongImage(status, back, record.getFromImage());
        if (wrongBack != null) {
            return Messages.DeploymentAction_versionChanged(back, wrongBack, record.getFromImage());
        }
        Slot serving = record.getToSlot();
        String wrongServing = serving == null ? null : wrongImage(status, serving, record.getToImage());
        if (wrongServing != null) {
            return Messages.DeploymentAction_versionChanged(serving, wrongServing, record.getToImage());
        }
        return null;
    }

    /** The image {@code slot} runs now when it is not {@code expected}; null when it matches or nothing is known. */
    @CheckForNull
    private static String wrongImage(EnvironmentStatus status, Slot slot, @CheckForNull String expected) {
        if (expected == null) {
            return null;
        }
        SlotStatus now = status.slot(slot);
        String image = now == null ? null : now.image();
        return expected.equals(image) ? null : String.valueOf(image);
    }
}
