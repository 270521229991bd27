package io.jenkins.plugins.ecsdeploy.steps;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ecsdeploy.environment.CredentialsItems;
import io.jenkins.plugins.ecsdeploy.environment.EnvironmentItems;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentScope;
import io.jenkins.plugins.ecsdeploy.runtime.ScopeRequests;
import io.jenkins.plugins.ecsdeploy.runtime.StartedBy;
import io.jenkins.plugins.ecsdeploy.Messages;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A deployment step: reads its parameters into the engine's request when it starts, and runs it without holding a
 * thread ({@link DeploymentStepExecution}).
 */
public abstract class AbstractDeploymentStep extends TargetStep {

    /** The operation this step asks for, read from its parameters. */
    protected abstract OperationSpec spec();

    /**
     * Reads the parameters into the engine's request here, on the Pipeline's thread (no I/O: the build and the
     * enclosing block's scope are in memory), so a bad parameter fails the step before anything runs.
     */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        DeploymentScope scope = context.get(DeploymentScope.class);
        if (scope != null && (getEnvironment() != null || getConfigFile() != null || getCredentialsId() != null)) {
            throw new AbortException(Messages.AbstractDeploymentStep_scopeHasEnvironment(scope.getEnvironment()));
        }
        try {
            DeploymentRequest request = ScopeRequests.tie(request(scope, StartedBy.of(run)), scope, expectedImage());
            request.requireValid();
            return new DeploymentStepExecution(context, this, request, scope);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The request as the parameters say; a step whose meaning changes inside a block overrides this. */
    protected DeploymentRequest request(@CheckForNull DeploymentScope scope, String startedBy) throws AbortException {
        return spec().toRequest(startedBy);
    }

    /** The image the step requires on the slot it acts on ({@code expectedImage:}), or null. */
    @CheckForNull
    protected String expectedImage() {
        return null;
    }

    /** Deployment steps need the build and its log, not a node: they only call AWS APIs from the controller. */
    public abstract static class DescriptorBase extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * What Pipeline Graph View and Blue Ocean show beside the step: the environment and what it was asked to do
         * (never credentials, which are ids anyway).
         */
        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            StringBuilder text = new StringBuilder();
            for (String key : List.of("imageTag", "percent", "stages", "to", "weights", "environment", "configFile")) {
                Object value = namedArgs.get(key);
                if (value != null) {
                    text.append(text.length() == 0 ? "" : " ").append(key).append(": ").append(value);
                }
            }
            return text.length() == 0 ? null : text.toString();
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
