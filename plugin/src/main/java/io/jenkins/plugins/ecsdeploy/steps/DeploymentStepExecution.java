package io.jenkins.plugins.ecsdeploy.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.runtime.StartedBy;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import io.jenkins.plugins.ecsdeploy.runtime.TargetResolver;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs a deployment for any of the Pipeline steps without holding a thread: each short engine step is scheduled
 * on Jenkins' timer at the time the engine asks for, and the deployment (engine state as JSON) is saved with the
 * step after every one. After a controller restart {@link #onResume} continues from the saved state, the engine
 * re-reading AWS first. Aborting the build asks the engine to stop and keeps advancing until traffic is back on
 * the stable slot, then fails the step.
 */
public class DeploymentStepExecution extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeploymentStepExecution.class.getName());

    private final String environment;
    private final String configFile;
    private final String credentialsId;
    private final OperationSpec spec;
    private DeploymentRun deployment;
    /** Set once the build is being aborted; the step fails with it when the rollback has finished. */
    private Throwable stopCause;
    private boolean done;
    private transient ScheduledFuture<?> pending;
    /** True only while one engine step talks to AWS: a safe restart waits for it, never for a whole bake. */
    private transient volatile boolean advancing;
    /** A tick is running; guarded by this. */
    private transient boolean ticking;
    /** The build was aborted during a tick: the next tick runs at once, not when the engine asked. */
    private transient boolean wakeUp;

    DeploymentStepExecution(StepContext context, AbstractDeploymentStep step, OperationSpec spec) {
        super(context);
        this.environment = step.getEnvironment();
        this.configFile = step.getConfigFile();
        this.credentialsId = step.getCredentialsId();
        this.spec = spec;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FilePath workspace = getContext().get(FilePath.class);
        TargetEnvironment target = TargetResolver.resolve(environment, configFile, credentialsId, run, workspace);
        synchronized (this) {
            deployment = DeploymentRun.start(target, spec, run, listener, StartedBy.of(run));
        }
        getContext().saveState();
        schedule(0);
        return false;
    }

    private synchronized void schedule(long delayMillis) {
        if (pending != null) {
            pending.cancel(false);
        }
        // The timer only waits. The engine step (AWS calls, seconds at worst with retries) runs on a pooled thread,
        // so it never holds one of the few threads Jenkins' timer shares between all periodic work.
        pending = Timer.get().schedule(() -> Computer.threadPoolForRemoting.submit(this::tick),
                Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        synchronized (this) {
            if (done || ticking) {
                return;
            }
            ticking = true;
        }
        Instant next;
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            advancing = true;
            try {
                next = deployment.advance(run, listener);
            } finally {
                advancing = false;
            }
            getContext().saveState();
        } catch (Exception e) {
            synchronized (this) {
                done = true;
            }
            deployment.close();
            getContext().onFailure(e);
            return;
        }
        if (next == null) {
            finish();
            return;
        }
        synchronized (this) {
            // Cleared and rescheduled under one lock, and never touched again by this tick: the next tick may
            // already be running when this method returns, and a stop() must see it as running.
            ticking = false;
            schedule(wakeUp ? 0 : Duration.between(Instant.now(), next).toMillis());
            wakeUp = false;
        }
    }

    private void finish() {
        Throwable cause;
        synchronized (this) {
            done = true;
            cause = stopCause;
        }
        if (cause != null) {
            getContext().onFailure(cause);
        } else if (deployment.outcome() != null && deployment.outcome().isSuccess()) {
            getContext().onSuccess(deployment.result());
        } else {
            getContext().onFailure(new AbortException(deployment.failureMessage()));
        }
    }

    @Override
    public void onResume() {
        if (deployment == null) {
            getContext().onFailure(new AbortException(Messages.DeploymentStepExecution_restartBeforeStart()));
            return;
        }
        schedule(0);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        synchronized (this) {
            if (done) {
                return;
            }
            stopCause = cause;
        }
        if (deployment == null) {
            getContext().onFailure(cause);
            return;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            deployment.requestAbort(run, listener, Jenkins.getAuthentication2().getName(),
                    Messages.DeploymentStepExecution_aborted(String.valueOf(cause.getMessage())));
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The engine cannot be reached (credentials gone, configuration unreadable), so no tick could roll
            // back either: end the step now rather than leave the build waiting for one.
            synchronized (this) {
                done = true;
            }
            deployment.close();
            // Logged, not attached to the cause: the cause stays the interruption Pipeline records as an abort.
            LOGGER.log(Level.WARNING, "Could not ask deployment " + deployment.getId() + " to stop", e);
            getContext().onFailure(cause);
            return;
        }
        getContext().saveState();
        synchronized (this) {
            // A running tick reschedules itself when it ends; scheduling here too would start a second chain.
            if (ticking) {
                wakeUp = true;
            } else {
                schedule(0);
            }
        }
    }

    @Override
    public boolean blocksRestart() {
        return advancing;
    }

    @Override
    public String getStatus() {
        return deployment == null ? Messages.DeploymentStepExecution_starting()
                : Messages.DeploymentStepExecution_status(deployment.getId(), deployment.getEnvironment(),
                        deployment.state().getPhase());
    }
}
