package io.jenkins.plugins.ecsdeploy.steps;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ecsdeploy.environment.CredentialsItems;
import io.jenkins.plugins.ecsdeploy.environment.EnvironmentItems;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What every deployment step accepts besides its own parameters: which environment (default: the only one, or the
 * one marked default), or a core YAML file in the workspace, with credentials for that file.
 */
public abstract class AbstractDeploymentStep extends Step {

    private String environment;
    private String configFile;
    private String credentialsId;

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = FieldText.trimmed(environment);
    }

    public String getConfigFile() {
        return configFile;
    }

    @DataBoundSetter
    public void setConfigFile(String configFile) {
        this.configFile = FieldText.trimmed(configFile);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FieldText.trimmed(credentialsId);
    }

    /** The operation this step asks for, read from its parameters. */
    protected abstract OperationSpec spec();

    @Override
    public StepExecution start(StepContext context) throws AbortException {
        try {
            return new DeploymentStepExecution(context, this, spec());
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Deployment steps need the build and its log, not a node: they only call AWS APIs from the controller. */
    public abstract static class DescriptorBase extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public ListBoxModel doFillEnvironmentItems(@AncestorInPath Item item, @QueryParameter String environment) {
            return EnvironmentItems.fill(item, environment);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String credentialsId) {
            return CredentialsItems.fill(item, credentialsId);
        }
    }
}
