package io.jenkins.plugins.ecsdeploy.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.runtime.AbortedBy;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentScope;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import io.jenkins.plugins.ecsdeploy.runtime.TargetResolver;
import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Runs a deployment for any of the Pipeline steps without holding a thread. {@link #start} and {@link #stop} run on
 * the Pipeline's interpreter thread, so they only note what was asked and wake the {@link Ticker}; resolving the
 * environment, the credentials and every AWS call happen in short steps on the shared step pool, scheduled by
 * Jenkins' timer when the engine asks. The step's program is saved after the deployment is created, at every
 * transition and at least once a minute, so after a restart {@link #onResume} continues from there (the engine
 * re-reads AWS first). Every path ends in exactly one onSuccess or onFailure: a step that throws anything,
 * Errors included, fails the step.
 */
@Restricted(NoExternalUse.class)
public class DeploymentStepExecution extends TickingStepExecution {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(DeploymentStepExecution.class.getName());
    static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    /** A test hook: while set, a finished deployment does not complete its step (to restart in between). */
    static volatile boolean holdCompletionForTests;

    private final String environment;
    private final String configFile;
    private final String credentialsId;
    private final DeploymentRequest request;
    /** The enclosing ecsDeployment block's deployment, or null outside a block. */
    private final DeploymentScope scope;
    private volatile DeploymentRun deployment;
    /** Set once the build is being stopped; the step fails with it when the rollback has finished. */
    private volatile Throwable stopCause;
    private transient volatile Instant lastSave;
    private transient volatile String lastPhase;

    DeploymentStepExecution(StepContext context, AbstractDeploymentStep step, DeploymentRequest request,
            DeploymentScope scope) {
        super(context);
        this.scope = scope;
        this.environment = step.getEnvironment();
        this.configFile = step.getConfigFile();
        this.credentialsId = step.getCredentialsId();
        this.request = request;
    }

    /** One step on the pool: create the deployment on the first, then advance it. Never throws. */
    @Override
    long tick() {
        if (completed().get()) {
            return -1;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            DeploymentRun d = deployment;
            if (d == null) {
                if (stopCause != null) {
                    fail(stopCause);
                    return -1;
                }
                TargetEnvironment target = scope != null ? scope.getTarget()
                        : TargetResolver.resolve(environment, configFile, credentialsId, run,
                                getContext().get(FilePath.class));
                d = DeploymentRun.create(target, request, run, listener, scope == null ? null : scope.lock(),
                        earlierRun(run, target));
                deployment = d;
                save(d);
                Throwable stop = stopCause;
                if (stop != null) {
                    d.requestAbort(AbortedBy.of(stop), Messages.DeploymentStepExecution_aborted(stop.toString()));
                }
            }
            Instant next = d.advance(run, listener);
            if (next == null) {
                if (holdCompletionForTests) {
                    save(d);
                    return -1;
                }
                finish(d);
                return -1;
            }
            saveIfDue(d);
            return Math.max(0, Duration.between(Instant.now(), next).toMillis());
        } catch (Throwable t) {
            // Errors too: a step that ends here without completing would leave the build waiting for ever.
            fail(t);
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
            return -1;
        }
    }

    private void finish(DeploymentRun d) {
        if (scope != null) {
            scope.recordStep(d.state());
        }
        Throwable cause = stopCause;
        Outcome outcome = d.outcome();
        if (cause != null) {
            fail(cause);
        } else if (outcome != null && outcome.isSuccess()) {
            if (completed().compareAndSet(false, true)) {
                getContext().onSuccess(d.result());
            }
        } else {
            fail(new AbortException(d.failureMessage()));
        }
    }

    private void fail(Throwable t) {
        DeploymentRun d = deployment;
        if (scope != null && d != null) {
            // What traffic looks like now decides whether the block must roll back when it ends.
            scope.recordStep(d.state());
        }
        if (completed().compareAndSet(false, true)) {
            getContext().onFailure(t);
        }
    }

    private void saveIfDue(DeploymentRun d) {
        String phase = d.state().getPhase().name();
        Instant last = lastSave;
        if (!phase.equals(lastPhase) || last == null || Instant.now().isAfter(last.plus(SAVE_EVERY))) {
            lastPhase = phase;
            save(d);
        }
    }

    private void save(DeploymentRun d) {
        lastSave = Instant.now();
        lastPhase = d.state().getPhase().name();
        getContext().saveState();
    }

    /**
     * Notes the abort and wakes the deployment; the next step rolls traffic back if it had moved and then fails
     * the step with {@code cause}. Never blocks: a step talking to AWS is not waited for.
     */
    @Override
    public void stop(Throwable cause) {
        if (stopCause == null) {
            stopCause = cause;
        }
        DeploymentRun d = deployment;
        if (d != null) {
            d.requestAbort(AbortedBy.of(cause), Messages.DeploymentStepExecution_aborted(String.valueOf(
                    cause.getMessage())));
        }
        LOGGER.log(Level.FINE, "Stop requested for {0}", d == null ? "a deployment not yet created" : d.getId());
        ticker().wake();
    }

    /** Shown in the Pipeline's thread dump and step status; plain text, not localized. */
    @Override
    public String getStatus() {
        DeploymentRun d = deployment;
        return d == null ? "resolving the environment and credentials"
                : "deployment " + d.getId() + " on " + d.getEnvironment() + ": " + d.state().getPhase();
    }

    /** For a rollback, this build's earlier run on the same environment (see DeploymentAction#earlierRun). */
    @CheckForNull
    private DeploymentState earlierRun(Run<?, ?> run, TargetEnvironment target) {
        if (request.operation() != Operation.ROLLBACK) {
            return null;
        }
        DeploymentAction action = run.getAction(DeploymentAction.class);
        return action == null ? null : action.earlierRun(target);
    }
}
