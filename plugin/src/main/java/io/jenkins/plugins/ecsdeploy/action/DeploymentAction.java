package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.Operation;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The deployments a build made, shown as a summary on the build's page and in full on its own page (slots,
 * traffic, timeline, canary analysis), with a Rollback button for the latest one. Saved in build.xml: records and
 * environment coordinates only, never a secret.
 */
public final class DeploymentAction implements RunAction2 {

    public static final String URL_NAME = "ecs-deployment";

    private final List<DeploymentEntry> entries = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /** The build's action, added on first use. */
    public static DeploymentAction forRun(Run<?, ?> run) {
        synchronized (run) {
            DeploymentAction action = run.getAction(DeploymentAction.class);
            if (action == null) {
                action = new DeploymentAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        // A rollback started from this page outlives a restart: continue it. Pipeline steps resume themselves.
        for (DeploymentEntry entry : entries) {
            if (entry.isRunning() && entry.isFromButton()) {
                RollbackDriver.drive(DeploymentRun.resume(entry), r);
            }
        }
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-swap";
    }

    @Override
    public String getDisplayName() {
        return Messages.DeploymentAction_displayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public List<DeploymentEntry> getEntries() {
        return List.copyOf(entries);
    }

    @CheckForNull
    public DeploymentEntry getLatest() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    public void add(DeploymentEntry entry) {
        entries.add(entry);
    }

    public void update(String id, String stateJson, boolean finished, @CheckForNull TrafficSplit finalSplit) {
        for (DeploymentEntry e : entries) {
            if (e.getId().equals(id)) {
                e.update(stateJson, finished, finalSplit);
            }
        }
    }

    void markStopped(String id) {
        for (DeploymentEntry e : entries) {
            if (e.getId().equals(id)) {
                e.update(e.getStateJson(), true, null);
            }
        }
    }

    /** Chart data of one metric of a canary stage, for the page's script. */
    public String chartJson(StageRecord stage, String metric) {
        return StageCharts.json(stage, metric);
    }

    /** Live state of the latest entry's environment, read when the page is shown. */
    public LiveStatus getLiveStatus() {
        DeploymentEntry latest = getLatest();
        return latest == null ? null : LiveStatus.read(latest.getTarget(), run);
    }

    /** Why the Rollback button would refuse now, or null when it may be offered. */
    @CheckForNull
    public String getRollbackRefusal() {
        DeploymentEntry latest = getLatest();
        if (latest == null) {
            return Messages.DeploymentAction_nothingToRollBack();
        }
        if (latest.isRunning()) {
            return Messages.DeploymentAction_stillRunning();
        }
        if (latest.getRecord().getOperation() == Operation.ROLLBACK) {
            return Messages.DeploymentAction_alreadyRolledBack();
        }
        TrafficSplit expected = latest.getFinalSplit();
        if (expected == null) {
            return Messages.DeploymentAction_finalSplitUnknown();
        }
        LiveStatus live = LiveStatus.read(latest.getTarget(), run);
        if (live.getError() != null) {
            return Messages.DeploymentAction_liveUnreadable(live.getError());
        }
        if (!expected.equals(live.getStatus().split())) {
            return Messages.DeploymentAction_trafficMoved(expected, live.getStatus().split());
        }
        return null;
    }

    public boolean hasRollbackPermission() {
        return run.hasPermission(EcsDeployPermissions.ROLLBACK);
    }

    /**
     * The Rollback button: POST only (Jenkins checks the CSRF crumb), needs {@link EcsDeployPermissions#ROLLBACK}
     * on the job, and refuses while a deployment runs or once traffic has moved since this build left it.
     */
    @RequirePOST
    public void doRollback(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.checkPermission(EcsDeployPermissions.ROLLBACK);
        String who = Jenkins.getAuthentication2().getName();
        synchronized (this) {
            String refusal = getRollbackRefusal();
            if (refusal != null) {
                throw HttpResponses.errorWithoutStack(409, refusal);
            }
            DeploymentEntry latest = getLatest();
            String reason = Messages.DeploymentAction_rollbackReason(who, run.getFullDisplayName());
            Slot back = latest.getState().getStableSlot();
            DeploymentRun rollback;
            try {
                rollback = DeploymentRun.start(latest.getTarget(),
                        OperationSpec.rollback(reason, back == null ? null : back.id()), run, TaskListener.NULL, who);
            } catch (AbortException e) {
                throw HttpResponses.errorWithoutStack(400, e.getMessage());
            }
            DeploymentEntry started = getLatest();
            started.markFromButton(who);
            run.save();
            RollbackDriver.drive(rollback, run);
        }
        rsp.sendRedirect(".");
    }
}
