package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import java.time.Instant;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One deployment recorded on a build: the engine's state as JSON (no credentials in it), where it ran, whether it
 * is still running, the split read back when it finished (the Rollback button compares against it), and who
 * started it.
 */
@Restricted(NoExternalUse.class)
public final class DeploymentEntry {

    private final String id;
    private final String environment;
    private final TargetEnvironment target;
    private final String startedBy;
    private final long startedAt;
    private String stateJson;
    private boolean running = true;
    private Integer finalBluePercent;
    private Integer finalGreenPercent;
    private String rollbackClickedBy;
    private long rollbackClickedAt;

    public DeploymentEntry(String id, String environment, TargetEnvironment target, String stateJson,
            String startedBy) {
        this.id = id;
        this.environment = environment;
        this.target = target;
        this.stateJson = stateJson;
        this.startedBy = startedBy;
        this.startedAt = System.currentTimeMillis();
    }

    synchronized void update(String json, boolean finished, @CheckForNull TrafficSplit finalSplit) {
        this.stateJson = json;
        if (finished) {
            running = false;
            if (finalSplit != null) {
                finalBluePercent = finalSplit.blue();
                finalGreenPercent = finalSplit.green();
            }
        }
    }

    public String getId() {
        return id;
    }

    public String getEnvironment() {
        return environment;
    }

    public TargetEnvironment getTarget() {
        return target;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public long getStartedAt() {
        return startedAt;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** The engine's state as saved; plain data without credentials. */
    public synchronized String getStateJson() {
        return stateJson;
    }

    public synchronized DeploymentState getState() {
        return StateJson.readState(stateJson);
    }

    public DeploymentRecord getRecord() {
        return getState().getRecord();
    }

    /** Records that this entry is a rollback started from the build page, by whom and when. */
    synchronized void markFromButton(String who) {
        rollbackClickedBy = who;
        rollbackClickedAt = System.currentTimeMillis();
    }

    public synchronized boolean isFromButton() {
        return rollbackClickedBy != null;
    }

    @CheckForNull
    public synchronized String getRollbackClickedBy() {
        return rollbackClickedBy;
    }

    public synchronized long getRollbackClickedAt() {
        return rollbackClickedAt;
    }

    /** When the Rollback button was clicked, as an ISO-8601 UTC time for the page. */
    public synchronized String getRollbackClickedAtText() {
        return rollbackClickedBy == null ? null : Instant.ofEpochMilli(rollbackClickedAt).toString();
    }

    /** The split read back when the deployment ended, or null if it could not be read. */
    @CheckForNull
    public synchronized TrafficSplit getFinalSplit() {
        return finalBluePercent == null || finalGreenPercent == null ? null
                : new TrafficSplit(finalBluePercent, finalGreenPercent);
    }
}
