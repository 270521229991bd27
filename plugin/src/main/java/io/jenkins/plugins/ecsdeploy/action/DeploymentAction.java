package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.HttpResponses;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
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

    /**
     * The state of this build's latest finished run on the environment {@code target} names, configured as it is
     * now: a rollback step reuses the names it resolved and, where AWS runs the deployments, the revision its deploy
     * replaced. Null when there is none; a run of another build is never taken, as its environment may have changed
     * since.
     */
    @CheckForNull
    public DeploymentState earlierRun(TargetEnvironment target) {
        List<DeploymentEntry> all = getEntries();
        for (int i = all.size() - 1; i >= 0; i--) {
            DeploymentEntry e = all.get(i);
            if (!e.isRunning() && e.getTarget() != null && e.getTarget().config().equals(target.config())) {
                return e.getState();
            }
        }
        return null;
    }

    public void add(DeploymentEntry entry) {
        entries.add(entry);
        DeploymentIndex.deployed(run);
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

    /** A chart's title: the metric, its unit, and whether it was a dry run. */
    public String chartTitle(StageCharts.Chart chart) {
        String title = chart.unit().isEmpty() ? chart.metric() : chart.metric() + " (" + chart.unit() + ")";
        return chart.dryRun() ? Messages.DeploymentAction_dryRunChart(title) : title;
    }

    /** The charts of a canary stage, one per metric it judged, for the page's script. */
    public List<StageCharts.Chart> charts(StageRecord stage) {
        return StageCharts.of(stage);
    }

    /**
     * Why the Rollback button is not offered, judged from this build's record alone: rendering a page never calls
     * AWS. The button's POST checks the live environment before it acts.
     */
    @CheckForNull
    public String getRollbackRefusal() {
        return RollbackCheck.recordedRefusal(getLatest());
    }

    public boolean hasRollbackPermission() {
        return run.hasPermission(EcsDeployPermissions.ROLLBACK);
    }

    /**
     * The live slots and traffic of the latest deployment's environment, as JSON for the page's script. A GET (the
     * page loads it after rendering) that reads AWS at most once per {@link LiveStatusCache#TTL} for everyone;
     * needs read access to the job, as the page does.
     */
    public HttpResponse doLiveStatus() {
        run.getParent().checkPermission(Item.READ);
        DeploymentEntry latest = getLatest();
        if (latest == null) {
            return HttpResponses.errorJSON(Messages.DeploymentAction_nothingToRollBack());
        }
        LiveStatus live = LiveStatusCache.get(run, latest);
        Map<String, Object> json = LiveStatusJson.of(live);
        // Only those who may roll back learn whether the button would act now (empty: it would).
        boolean may = hasRollbackPermission();
        json.put("mayRollBack", may);
        if (may) {
            json.put("rollbackRefusal", Objects.requireNonNullElse(RollbackCheck.refusal(latest, live), ""));
        }
        return HttpResponses.okJSON(json);
    }

    /**
     * The Rollback button: POST only (Jenkins checks the CSRF crumb), needs {@link EcsDeployPermissions#ROLLBACK}
     * on the job, and refuses while a deployment runs or once AWS shows a version or split other than the one this
     * build left (see {@link RollbackCheck}). The rollback then runs in the background; the page shows it.
     */
    @RequirePOST
    public void doRollback(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        run.checkPermission(EcsDeployPermissions.ROLLBACK);
        String who = Jenkins.getAuthentication2().getName();
        DeploymentEntry latest = getLatest();
        if (latest == null) {
            throw HttpResponses.errorWithoutStack(409, Messages.DeploymentAction_nothingToRollBack());
        }
        // One live read, shared with the page's status request; read outside any lock (it may take seconds).
        LiveStatusCache.forget(run, latest);
        String refusal = RollbackCheck.refusal(latest, LiveStatusCache.get(run, latest));
        if (refusal != null) {
            throw HttpResponses.errorWithoutStack(409, refusal);
        }
        synchronized (this) {
            if (getLatest() != latest) {
                throw HttpResponses.errorWithoutStack(409, Messages.DeploymentAction_stillRunning());
            }
            String reason = Messages.DeploymentAction_rollbackReason(who, run.getFullDisplayName());
            Slot back = latest.getState().getStableSlot();
            DeploymentRun rollback;
            try {
                // Tied to the version that served before this build, and reusing the names this build resolved.
                DeploymentRequest request = ((RollbackRequest) OperationSpec.rollback(reason,
                        back == null ? null : back.id()).toRequest(who))
                        .withExpectedImage(latest.getRecord().getFromImage());
                rollback = DeploymentRun.create(latest.getTarget(), request, run, TaskListener.NULL, null,
                        latest.getState());
            } catch (AbortException | IllegalArgumentException e) {
                throw HttpResponses.errorWithoutStack(400, e.getMessage());
            }
            DeploymentEntry started = getLatest();
            if (started != null) {
                started.markFromButton(who);
            }
            run.save();
            RollbackDriver.drive(rollback, run);
        }
        LiveStatusCache.forget(run, latest);
        rsp.sendRedirect(".");
    }
}
