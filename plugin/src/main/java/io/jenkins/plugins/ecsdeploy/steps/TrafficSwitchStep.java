package io.jenkins.plugins.ecsdeploy.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.FormValidation;
import hudson.AbortException;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentScope;
import io.jenkins.plugins.ecsdeploy.runtime.ScopeRequests;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.environment.FormChecks;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code trafficSwitch to: 'green'} moves all production traffic to a slot; {@code trafficSwitch weights:
 * [blue: 90, green: 10]} sets a split. The new split is read back from the load balancer before the step
 * succeeds.
 */
public final class TrafficSwitchStep extends VersionBoundStep {

    private String to;
    private TrafficWeights weights;

    @DataBoundConstructor
    public TrafficSwitchStep() {
    }

    public String getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(String to) {
        this.to = FieldText.trimmed(to);
    }

    @CheckForNull
    public TrafficWeights getWeights() {
        return weights;
    }

    @DataBoundSetter
    public void setWeights(@CheckForNull TrafficWeights weights) {
        this.weights = weights;
    }

    /** Inside an ecsDeployment block, with neither to nor weights: all traffic to the version the block prepared. */
    @Override
    protected DeploymentRequest request(DeploymentScope scope, String startedBy) throws AbortException {
        if (scope != null && FieldText.trimmed(to) == null && weights == null) {
            return ScopeRequests.promote(scope, startedBy);
        }
        return super.request(scope, startedBy);
    }

    @Override
    protected OperationSpec spec() {
        return OperationSpec.trafficSwitch(to, weights == null ? null : weights.asText());
    }

    /** The step's name, form checks and snippet form. */
    @Extension
    @Symbol("trafficSwitch")
    public static final class DescriptorImpl extends DescriptorBase {

        @Override
        public String getFunctionName() {
            return "trafficSwitch";
        }

        @Override
        public String getDisplayName() {
            return Messages.TrafficSwitchStep_displayName();
        }

        public FormValidation doCheckTo(@QueryParameter String value) {
            return FormChecks.slot(value);
        }
    }
}
