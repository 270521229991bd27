package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.AbortException;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigProblem;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
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

/**
 * One deployment as Jenkins runs it: the engine's state (saved as JSON, so it travels with a Pipeline step's
 * program and survives restarts), the environment it targets, and the build it is recorded on. Each call to
 * {@link #advance} does one short engine step; the caller decides how to wait until the next one (a timer for
 * Pipeline and the Rollback button, the executor for freestyle).
 */
public final class DeploymentRun implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeploymentRun.class.getName());

    private final TargetEnvironment target;
    private final String environment;
    private final String id;
    private String stateJson;
    private transient EngineSession session;
    private transient LogListener log;

    private DeploymentRun(TargetEnvironment target, String environment, String id) {
        this.target = target;
        this.environment = environment;
        this.id = id;
    }

    /**
     * Validates everything and records the new deployment on the build. Calls no AWS API that changes anything
     * (the engine's start is local; credentials are looked up in Jenkins).
     *
     * @throws AbortException with every problem found, naming fields and how to fix them
     */
    public static DeploymentRun start(TargetEnvironment target, OperationSpec spec, Run<?, ?> run,
            TaskListener listener, String startedBy) throws AbortException {
        EnvironmentConfig config = validConfig(target);
        DeploymentRequest request;
        try {
            request = spec.toRequest(startedBy);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        DeploymentRun deployment = new DeploymentRun(target, config.name(),
                "jenkins-" + run.getNumber() + "-" + UUID.randomUUID().toString().substring(0, 8));
        deployment.open(run, listener, config, true);
        DeploymentState state;
        try {
            state = deployment.session.engine().start(request, deployment.id, Instant.now());
        } catch (IllegalArgumentException e) {
            deployment.close();
            throw new AbortException(Messages.DeploymentRun_refused(config.name(), e.getMessage()));
        }
        deployment.stateJson = StateJson.write(state);
        DeploymentAction.forRun(run).add(new DeploymentEntry(deployment.id, config.name(), target,
                deployment.stateJson, startedBy));
        saveQuietly(run);
        String link = HyperlinkNote.encodeTo("/" + run.getUrl() + DeploymentAction.URL_NAME + "/",
                Messages.DeploymentRun_pageLink());
        listener.getLogger().println(Messages.DeploymentRun_started(request.operation(), config.name(),
                deployment.id, link));
        return deployment;
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

    private void open(Run<?, ?> run, TaskListener listener, EnvironmentConfig config, boolean track)
            throws AbortException {
        log = new LogListener(listener.getLogger(), environment);
        session = EngineSession.open(target, config, run, log, track);
    }

    private void ensureOpen(Run<?, ?> run, TaskListener listener) throws AbortException {
        if (session == null) {
            open(run, listener, validConfig(target), false);
        }
    }

    /**
     * Does one short engine step and records the result on the build.
     *
     * @return when to call again, or null when the deployment has finished
     * @throws AbortException when the engine cannot go on (its message says why); the state is saved first
     */
    public synchronized Instant advance(Run<?, ?> run, TaskListener listener) throws AbortException {
        ensureOpen(run, listener);
        DeploymentState state = StateJson.readState(stateJson);
        Instant next;
        try {
            next = session.engine().advance(state, Instant.now());
        } catch (RuntimeException e) {
            stateJson = StateJson.write(state);
            // Recorded as ended, so the build page does not wait for it; the message says what is left.
            record(run, true);
            close();
            throw new AbortException(Messages.DeploymentRun_engineError(environment, id, e.getMessage()));
        }
        stateJson = StateJson.write(state);
        boolean finished = next == null || state.isFinished();
        if (finished) {
            record(run, true);
            close();
            return null;
        }
        if (log.takeChanged()) {
            record(run, false);
        }
        return next;
    }

    /** Asks the engine to stop: the next {@link #advance} rolls traffic back if it had moved. */
    public synchronized void requestAbort(Run<?, ?> run, TaskListener listener, String who, String reason)
            throws AbortException {
        ensureOpen(run, listener);
        DeploymentState state = StateJson.readState(stateJson);
        session.engine().requestAbort(state, who, reason);
        stateJson = StateJson.write(state);
        listener.getLogger().println(Messages.DeploymentRun_aborting(environment, who));
    }

    private void record(Run<?, ?> run, boolean finished) {
        TrafficSplit live = null;
        if (finished) {
            try {
                live = session.status().split();
            } catch (RuntimeException e) {
                // Only the Rollback button needs this, and it refuses without it; the deployment itself is done.
                LOGGER.log(Level.FINE, "Could not read the final traffic split of " + id, e);
            }
        }
        DeploymentAction.forRun(run).update(id, stateJson, finished, live);
        saveQuietly(run);
    }

    private static void saveQuietly(Run<?, ?> run) {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save " + run, e);
        }
    }

    public synchronized DeploymentState state() {
        return StateJson.readState(stateJson);
    }

    public String getId() {
        return id;
    }

    public String getEnvironment() {
        return environment;
    }

    /** How it ended, or null while running. */
    public Outcome outcome() {
        return state().getRecord().getOutcome();
    }

    /**
     * What a Pipeline step returns: the slot serving production now, the image deployed, the id and outcome.
     * Plain strings only, so the map is safe to keep in the Pipeline's program.
     */
    public Map<String, Object> result() {
        DeploymentState state = state();
        DeploymentRecord record = state.getRecord();
        Slot active = record.getOutcome() == Outcome.SUCCEEDED && record.getToSlot() != null
                ? record.getToSlot() : state.getStableSlot();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("activeSlot", active == null ? null : active.id());
        result.put("image", record.getOutcome() == Outcome.SUCCEEDED || record.getOutcome() == Outcome.READY_NOT_PROMOTED
                ? record.getToImage() : record.getFromImage());
        result.put("deploymentId", id);
        result.put("outcome", record.getOutcome() == null ? null : record.getOutcome().name());
        return result;
    }

    /** The failure message for an unsuccessful outcome. */
    public String failureMessage() {
        DeploymentRecord record = state().getRecord();
        return Messages.DeploymentRun_failed(environment, record.getOutcome(), record.getOutcomeMessage());
    }

    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
