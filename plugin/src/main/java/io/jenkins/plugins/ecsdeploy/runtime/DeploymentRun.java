package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigProblem;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One deployment as Jenkins runs it: the engine's state (saved as JSON, so it travels with a Pipeline step's
 * program and survives restarts), the environment it targets, and the build it is recorded on. Each call to
 * {@link #advance} does one short engine step on a pool thread; the caller decides how to wait until the next one.
 * Only one thread advances a deployment at a time (the caller's {@link Ticker} sees to that), and nothing here
 * holds a lock while it talks to AWS: an abort is a volatile note the next step acts on.
 */
@Restricted(NoExternalUse.class)
public final class DeploymentRun implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeploymentRun.class.getName());

    private final TargetEnvironment target;
    private final String environment;
    private final String id;
    private volatile String stateJson;
    /** An abort asked for but not yet handed to the engine. */
    private volatile AbortNote pendingAbort;
    private transient volatile LogListener log;

    private DeploymentRun(TargetEnvironment target, String environment, String id) {
        this.target = target;
        this.environment = environment;
        this.id = id;
    }

    /**
     * Validates everything and records the new deployment on the build. Calls no AWS API (the engine's start is
     * local; credentials are looked up in Jenkins). Runs on a pool thread, never on the Pipeline's.
     *
     * @throws AbortException with every problem found, naming fields and how to fix them
     */
    public static DeploymentRun create(TargetEnvironment target, DeploymentRequest request, Run<?, ?> run,
            TaskListener listener) throws AbortException {
        return create(target, request, run, listener, null);
    }

    /**
     * @param scopeLock the lock an enclosing {@code ecsDeployment} block holds: the run acts under it (no settle
     *     wait) and leaves it held; null for a run that takes the lock itself
     */
    public static DeploymentRun create(TargetEnvironment target, DeploymentRequest request, Run<?, ?> run,
            TaskListener listener, @CheckForNull LockHolder scopeLock) throws AbortException {
        return create(target, request, run, listener, scopeLock, null);
    }

    /**
     * @param previous an earlier run on the same environment whose resolved names the new run reuses (the Rollback
     *     button passes the build's deployment, so a rollback reaches AWS's traffic write in the fewest calls)
     */
    public static DeploymentRun create(TargetEnvironment target, DeploymentRequest request, Run<?, ?> run,
            TaskListener listener, @CheckForNull LockHolder scopeLock, @CheckForNull DeploymentState previous)
            throws AbortException {
        EnvironmentConfig config = validConfig(target);
        DeploymentRun deployment = new DeploymentRun(target, config.name(),
                "jenkins-" + run.getNumber() + "-" + UUID.randomUUID().toString().substring(0, 8));
        DeploymentState state;
        try (EngineSession session = EngineSession.open(target, config, run, deployment.log(listener), true)) {
            state = session.engine().start(request, deployment.id, Instant.now(), previous);
            if (scopeLock != null) {
                session.engine().useScopeLock(state, scopeLock);
            }
            if (target.isPublishDashboard()) {
                publishDashboard(config, session, listener);
            }
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.DeploymentRun_refused(config.name(), e.getMessage()));
        }
        deployment.stateJson = StateJson.write(state);
        DeploymentAction.forRun(run).add(new DeploymentEntry(deployment.id, config.name(), target,
                deployment.stateJson, request.startedBy()));
        saveQuietly(run);
        String link = HyperlinkNote.encodeTo("/" + run.getUrl() + DeploymentAction.URL_NAME + "/",
                Messages.DeploymentRun_pageLink());
        listener.getLogger().println(Messages.DeploymentRun_started(request.operation(), config.name(),
                deployment.id, link));
        return deployment;
    }

    /** The environment's CloudWatch dashboard, as it asked; a failure is reported and the deployment goes on. */
    private static void publishDashboard(EnvironmentConfig config, EngineSession session, TaskListener listener) {
        try {
            CloudWatchDashboards.Result result = CloudWatchDashboards.publish(config, session.clients());
            listener.getLogger().println(Messages.DeploymentRun_dashboard(config.name(), result.name(),
                    result.action()));
            result.warnings().forEach(w -> listener.getLogger().println(
                    Messages.DeploymentRun_dashboardWarning(config.name(), w)));
        } catch (RuntimeException e) {
            listener.getLogger().println(Messages.DeploymentRun_dashboardFailed(config.name(), e.getMessage()));
        }
    }

    /** Continues a deployment recorded on a build (a Rollback button run after a restart). */
    public static DeploymentRun resume(DeploymentEntry entry) {
        DeploymentRun deployment = new DeploymentRun(entry.getTarget(), entry.getEnvironment(), entry.getId());
        deployment.stateJson = entry.getStateJson();
        return deployment;
    }

    private static EnvironmentConfig validConfig(TargetEnvironment target) throws AbortException {
        EnvironmentConfig config;
        try {
            config = target.config();
        } catch (RuntimeException e) {
            throw new AbortException(Messages.DeploymentRun_badConfig(target.source(), e.getMessage()));
        }
        List<ConfigProblem> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new AbortException(Messages.DeploymentRun_invalidConfig(target.source(), problems.stream()
                    .map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("\n  ", "\n  ", ""))));
        }
        return config;
    }

    private LogListener log(TaskListener listener) {
        LogListener l = log;
        if (l == null) {
            l = new LogListener(listener.getLogger(), environment);
            log = l;
        }
        return l;
    }

    /**
     * Does one short engine step and records the result on the build. A deployment that had already finished
     * (Jenkins restarted after the last step but before its caller completed) returns null at once.
     *
     * @return when to call again, or null when the deployment has finished
     * @throws AbortException when the engine cannot go on (its message says why); the state is saved first
     */
    public Instant advance(Run<?, ?> run, TaskListener listener) throws AbortException {
        DeploymentState state = StateJson.readState(stateJson);
        if (state.isFinished()) {
            record(run, state, true, null);
            return null;
        }
        EnvironmentConfig config = validConfig(target);
        LogListener out = log(listener);
        Instant next;
        TrafficSplit live = null;
        try (EngineSession session = EngineSession.open(target, config, run, out, false)) {
            AbortNote abort = pendingAbort;
            if (abort != null) {
                session.engine().requestAbort(state, abort.who(), abort.reason());
                pendingAbort = null;
                listener.getLogger().println(Messages.DeploymentRun_aborting(environment, abort.who()));
            }
            try {
                next = session.engine().advance(state, Instant.now());
            } catch (RuntimeException e) {
                stateJson = StateJson.write(state);
                // Recorded as ended, so the build page does not wait for it; the message says what is left.
                record(run, state, true, null);
                throw new AbortException(Messages.DeploymentRun_engineError(environment, id, e.getMessage()));
            } catch (Error e) {
                // Recorded as ended too (the build page must not show it running for ever); the caller fails.
                stateJson = StateJson.write(state);
                record(run, state, true, null);
                throw e;
            }
            if (next == null || state.isFinished()) {
                live = finalSplit(session);
            }
        }
        stateJson = StateJson.write(state);
        boolean finished = next == null || state.isFinished();
        if (finished || out.takeChanged()) {
            record(run, state, finished, live);
        }
        return finished ? null : next;
    }

    @CheckForNull
    private TrafficSplit finalSplit(EngineSession session) {
        try {
            return session.status().split();
        } catch (RuntimeException e) {
            // Only the Rollback button needs this, and it refuses without it; the deployment itself is done.
            LOGGER.log(Level.FINE, "Could not read the final traffic split of " + id, e);
            return null;
        }
    }

    /**
     * Asks the engine to stop: the next {@link #advance} rolls traffic back if it had moved. Only notes the
     * request, so it is safe on the Pipeline's thread and while a step is talking to AWS.
     */
    public void requestAbort(String who, String reason) {
        if (pendingAbort == null) {
            pendingAbort = new AbortNote(who, reason);
        }
    }

    /** Who asked a deployment to stop, and why. */
    private record AbortNote(String who, String reason) implements Serializable {
    }

    private void record(Run<?, ?> run, DeploymentState state, boolean finished, @CheckForNull TrafficSplit live) {
        DeploymentAction.forRun(run).update(id, StateJson.write(state), finished, live);
        saveQuietly(run);
    }

    private static void saveQuietly(Run<?, ?> run) {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run, e);
        }
    }

    public DeploymentState state() {
        return StateJson.readState(stateJson);
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

    /** How it ended, or null while running. */
    @CheckForNull
    public Outcome outcome() {
        return state().getRecord().getOutcome();
    }

    /**
     * What a Pipeline step returns: which slots took part, the images, the split it left, the slot serving
     * production and its image, the id and outcome. Plain strings only, so the map is safe in the Pipeline's
     * program; later steps of the same deployment pass {@code deploymentId} and {@code image} back.
     */
    public Map<String, Object> result() {
        DeploymentState state = state();
        DeploymentRecord record = state.getRecord();
        boolean promoted = record.getOutcome() == Outcome.SUCCEEDED;
        Slot active = promoted && record.getToSlot() != null ? record.getToSlot() : state.getStableSlot();
        TrafficSplit split = state.getSplitWanted();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deploymentId", id);
        result.put("environment", environment);
        result.put("outcome", record.getOutcome() == null ? null : record.getOutcome().name());
        result.put("targetSlot", slotId(record.getToSlot()));
        result.put("stableSlot", slotId(state.getStableSlot()));
        result.put("fromImage", record.getFromImage());
        result.put("toImage", record.getToImage());
        result.put("split", split == null ? null : "blue=" + split.blue() + ",green=" + split.green());
        result.put("activeSlot", slotId(active));
        result.put("image", promoted || record.getOutcome() == Outcome.READY_NOT_PROMOTED
                ? record.getToImage() : record.getFromImage());
        return result;
    }

    @CheckForNull
    private static String slotId(@CheckForNull Slot slot) {
        return slot == null ? null : slot.id();
    }

    /** The failure message for an unsuccessful outcome. */
    public String failureMessage() {
        DeploymentRecord record = state().getRecord();
        return Messages.DeploymentRun_failed(environment, record.getOutcome(), record.getOutcomeMessage());
    }
}
