package io.jenkins.plugins.ecsdeploy.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.environment.FormChecks;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.steps.TrafficSwitchStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** Freestyle build step: all traffic to one slot, or a split typed as {@code blue=90,green=10}. */
public final class TrafficSwitchBuilder extends AbstractDeploymentBuilder {

    private String to;
    private String weights;

    @DataBoundConstructor
    public TrafficSwitchBuilder() {
    }

    public String getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(String to) {
        this.to = FieldText.trimmed(to);
    }

    public String getWeights() {
        return weights;
    }

    @DataBoundSetter
    public void setWeights(String weights) {
        this.weights = FieldText.trimmed(weights);
    }

    @Override
    protected OperationSpec spec(EnvVars env) {
        return OperationSpec.trafficSwitch(to == null ? null : env.expand(to),
                weights == null ? null : env.expand(weights));
    }

    /** Form for the build step. */
    @Extension
    public static final class DescriptorImpl extends DescriptorBase {

        public DescriptorImpl() {
            super(TrafficSwitchBuilder.class, TrafficSwitchStep.class, "to");
        }

        @Override
        public String getDisplayName() {
            return Messages.TrafficSwitchStep_displayName();
        }

        public FormValidation doCheckTo(@QueryParameter String value) {
            return FormChecks.slot(value);
        }

        public FormValidation doCheckWeights(@QueryParameter String value) {
            return FormChecks.weights(value);
        }
    }
}
