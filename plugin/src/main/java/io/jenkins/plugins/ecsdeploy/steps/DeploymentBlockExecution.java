package io.jenkins.plugins.ecsdeploy.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.runtime.AbortedBy;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentScope;
import io.jenkins.plugins.ecsdeploy.runtime.ScopeLocks;
import io.jenkins.plugins.ecsdeploy.runtime.StartedBy;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import io.jenkins.plugins.ecsdeploy.runtime.TargetResolver;
import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Runs an {@code ecsDeployment} block: on the shared step pool, resolves the environment and takes its lock
 * (confirmed after the settle delay), starts the body with the {@link DeploymentScope} in its context, renews the
 * lock while the body runs, and when the body ends rolls traffic back if it had moved without promotion, then
 * releases the lock and completes with the body's result or failure. Each phase is saved with the program, so a
 * restart at an {@code input} resumes renewing, and a restart during the rollback resumes it.
 */
@Restricted(NoExternalUse.class)
public class DeploymentBlockExecution extends TickingStepExecution {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeploymentBlockExecution.class.getName());
    /** Well inside the lock's 30-minute TTL, so a long approval never lets it lapse. */
    static final Duration RENEW_EVERY = Duration.ofMinutes(5);

    enum Phase { ACQUIRE, CONFIRM, BODY, ROLLBACK, RELEASE, DONE }

    private final String environment;
    private final String configFile;
    private final String credentialsId;
    private volatile Phase phase = Phase.ACQUIRE;
    private volatile DeploymentScope scope;
    private volatile DeploymentRun rollback;
    /** How the body ended: its failure, or null after success (then {@link #bodyResult}). */
    private volatile Throwable bodyFailure;
    private volatile Object bodyResult;

    DeploymentBlockExecution(StepContext context, String environment, String configFile, String credentialsId) {
        super(context);
        this.environment = environment;
        this.configFile = configFile;
        this.credentialsId = credentialsId;
    }

    @Override
    long tick() {
        if (completed().get()) {
            return -1;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            return switch (phase) {
                case ACQUIRE -> acquire(run, listener);
                case CONFIRM -> confirm(run, listener);
                case BODY -> renew(run);
                case ROLLBACK -> rollBack(run, listener);
                case RELEASE -> release(run, listener);
                case DONE -> -1;
            };
        } catch (Throwable t) {
            // Before the body started nothing moved; later, a failure here still ends the block (it never hangs).
            LOGGER.log(Level.FINE, "ecsDeployment block stopped", t);
            releaseQuietly();
            complete(t, null);
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
            return -1;
        }
    }

    private long acquire(Run<?, ?> run, TaskListener listener) throws Exception {
        TargetEnvironment target = TargetResolver.resolve(environment, configFile, credentialsId, run,
                getContext().get(FilePath.class));
        DeploymentScope s = new DeploymentScope("jenkins-" + run.getNumber() + "-block-"
                + UUID.randomUUID().toString().substring(0, 8), target, target.config().name());
        LockHolder held = ScopeLocks.acquire(s, run, StartedBy.of(run));
        s.setLock(held);
        scope = s;
        phase = Phase.CONFIRM;
        listener.getLogger().println(Messages.DeploymentBlockExecution_locking(s.getEnvironment(), s.getId()));
        getContext().saveState();
        return Math.max(0, Duration.between(Instant.now(), ScopeLocks.confirmAt(run, held)).toMillis());
    }

    private long confirm(Run<?, ?> run, TaskListener listener) throws Exception {
        DeploymentScope s = scope;
        ScopeLocks.confirm(s, run, s.lock());
        phase = Phase.BODY;
        listener.getLogger().println(Messages.DeploymentBlockExecution_holding(s.getEnvironment()));
        getContext().saveState();
        getContext().newBodyInvoker().withContext(s).withCallback(new BodyEnd(this)).start();
        return RENEW_EVERY.toMillis();
    }

    private long renew(Run<?, ?> run) throws Exception {
        DeploymentScope s = scope;
        if (phase == Phase.BODY) {
            // The steps inside renew the lock as they act; this keeps it through a long wait at an input.
            s.setLock(ScopeLocks.renew(s, run, s.lock()));
        }
        return RENEW_EVERY.toMillis();
    }

    /** The body ended; called on the Pipeline's thread, so it only notes how and wakes the ticker. */
    void bodyEnded(Object result, Throwable failure) {
        bodyResult = failure == null ? result : null;
        bodyFailure = failure;
        DeploymentScope s = scope;
        phase = failure != null && s != null && s.needsRollback() ? Phase.ROLLBACK : Phase.RELEASE;
        ticker().wake();
    }

    private long rollBack(Run<?, ?> run, TaskListener listener) throws Exception {
        DeploymentScope s = scope;
        DeploymentRun r = rollback;
        if (r == null) {
            Throwable why = bodyFailure;
            listener.getLogger().println(Messages.DeploymentBlockExecution_rollingBack(s.getEnvironment(),
                    String.valueOf(why)));
            DeploymentRequest request = new RollbackRequest(s.stableSlot(),
                    Messages.DeploymentBlockExecution_rollbackReason(String.valueOf(why)),
                    AbortedBy.of(why)).withExpectedImage(s.fromImage());
            r = DeploymentRun.create(s.getTarget(), request, run, listener, s.lock());
            rollback = r;
            getContext().saveState();
        }
        Instant next = r.advance(run, listener);
        if (next != null) {
            return Math.max(0, Duration.between(Instant.now(), next).toMillis());
        }
        s.recordStep(r.state());
        phase = Phase.RELEASE;
        return 0;
    }

    private long release(Run<?, ?> run, TaskListener listener) throws Exception {
        DeploymentScope s = scope;
        if (s != null && s.lock() != null) {
            ScopeLocks.release(s, run, s.lock());
            listener.getLogger().println(Messages.DeploymentBlockExecution_released(s.getEnvironment()));
        }
        phase = Phase.DONE;
        DeploymentRun r = rollback;
        Throwable failure = bodyFailure;
        if (failure != null && r != null && (r.outcome() == null || !r.outcome().isSuccess())) {
            failure.addSuppressed(new hudson.AbortException(r.failureMessage()));
        }
        complete(failure, bodyResult);
        return -1;
    }

    private void releaseQuietly() {
        DeploymentScope s = scope;
        if (s == null || s.lock() == null || phase == Phase.DONE) {
            return;
        }
        try {
            ScopeLocks.release(s, getContext().get(Run.class), s.lock());
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Could not release the lock of " + s.getId(), e);
        }
    }

    private void complete(Throwable failure, Object result) {
        if (completed().compareAndSet(false, true)) {
            if (failure != null) {
                getContext().onFailure(failure);
            } else {
                getContext().onSuccess(result);
            }
        }
    }

    /**
     * Before the body started, ends the block (nothing moved). Once it runs, Pipeline interrupts the body itself,
     * and the body's end rolls back as needed; a stop during the rollback lets the rollback finish.
     */
    @Override
    public void stop(Throwable cause) {
        if (phase == Phase.ACQUIRE || phase == Phase.CONFIRM) {
            bodyFailure = cause;
            phase = Phase.RELEASE;
            ticker().wake();
        }
    }

    @Override
    public String getStatus() {
        DeploymentScope s = scope;
        return "ecsDeployment block " + phase + (s == null ? "" : " on " + s.getEnvironment());
    }

    /** Hands the body's end to the execution; serializable with the program. */
    private static final class BodyEnd extends BodyExecutionCallback {
        @Serial
        private static final long serialVersionUID = 1L;
        private final DeploymentBlockExecution execution;

        BodyEnd(DeploymentBlockExecution execution) {
            this.execution = execution;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            execution.bodyEnded(result, null);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            execution.bodyEnded(null, t);
        }
    }
}
