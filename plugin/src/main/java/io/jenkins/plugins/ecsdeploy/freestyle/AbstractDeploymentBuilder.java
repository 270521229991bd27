package io.jenkins.plugins.ecsdeploy.freestyle;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Executor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.EnvironmentItems;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.runtime.AbortedBy;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.runtime.StartedBy;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import io.jenkins.plugins.ecsdeploy.runtime.TargetResolver;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle form of the deployment steps. A freestyle build step cannot give its executor back while it
 * waits, so this one advances the engine in a loop and waits on the executor between steps (documented; use the
 * Pipeline steps to free executors during long bakes). Needs no workspace. Aborting the build asks the engine to
 * stop and keeps advancing until traffic is back on the stable slot, then marks the build aborted.
 */
public abstract class AbstractDeploymentBuilder extends Builder implements SimpleBuildStep {

    private String environment;

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = FieldText.trimmed(environment);
    }

    /** The operation this build step asks for, with build variables expanded. */
    protected abstract OperationSpec spec(EnvVars env);

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(Run<?, ?> run, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        DeploymentRequest request;
        try {
            request = spec(env).toRequest(StartedBy.of(run));
            request.requireValid();
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        TargetEnvironment target = TargetResolver.resolve(env.expand(environment), null, null, run, null);
        DeploymentRun deployment = DeploymentRun.create(target, request, run, listener);
        boolean interrupted = false;
        Instant next = deployment.advance(run, listener);
        while (next != null) {
            long wait = Duration.between(Instant.now(), next).toMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        // The executor thread runs as SYSTEM; the person who clicked is in its causes.
                        Executor executor = Executor.currentExecutor();
                        String who = executor == null ? AbortedBy.UNKNOWN
                                : AbortedBy.of(executor.getCausesOfInterruption());
                        deployment.requestAbort(who, Messages.AbstractDeploymentBuilder_aborted());
                    }
                }
            }
            next = deployment.advance(run, listener);
        }
        if (interrupted) {
            throw new InterruptedException(Messages.AbstractDeploymentBuilder_aborted());
        }
        Outcome outcome = deployment.outcome();
        if (outcome == null || !outcome.isSuccess()) {
            throw new AbortException(deployment.failureMessage());
        }
    }

    /**
     * Shared descriptor: offered in every kind of project, with the environment drop-down, and help for the
     * fields the Pipeline step shares taken from that step's help files.
     */
    @SuppressWarnings("rawtypes") // the raw Class matches Descriptor#addHelpFileRedirect
    public abstract static class DescriptorBase extends BuildStepDescriptor<Builder> {

        protected DescriptorBase(Class<? extends Builder> clazz, Class<? extends Describable> step,
                String... sharedFields) {
            super(clazz);
            addHelpFileRedirect("environment", step, "environment");
            for (String field : sharedFields) {
                addHelpFileRedirect(field, step, field);
            }
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @POST
        public ListBoxModel doFillEnvironmentItems(@AncestorInPath Item item, @QueryParameter String environment) {
            return EnvironmentItems.fill(item, environment);
        }
    }
}
