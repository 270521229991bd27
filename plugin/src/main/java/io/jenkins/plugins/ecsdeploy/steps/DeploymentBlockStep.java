package io.jenkins.plugins.ecsdeploy.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentScope;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code ecsDeployment(environment: 'prod') { ... }}: one deployment held across the steps and approvals of its
 * body. It takes the environment's AWS lock once and keeps it, renewed, until the body ends, so no other build or
 * CLI run can change the environment while this one waits at an {@code input}. The steps inside need no
 * environment and no colour: they act on what the block prepared. If the body fails, is aborted or an approval is
 * rejected while production traffic is on the new version but it was not promoted, the block rolls traffic back to
 * the stable slot, verified, before it ends.
 */
public final class DeploymentBlockStep extends TargetStep {

    @DataBoundConstructor
    public DeploymentBlockStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new DeploymentBlockExecution(context, getEnvironment(), getConfigFile(), getCredentialsId());
    }

    /** The step's name; a block that provides the deployment to the steps inside. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "ecsDeployment";
        }

        @Override
        public String getDisplayName() {
            return Messages.DeploymentBlockStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public Set<? extends Class<?>> getProvidedContext() {
            return Set.of(DeploymentScope.class);
        }
    }
}
