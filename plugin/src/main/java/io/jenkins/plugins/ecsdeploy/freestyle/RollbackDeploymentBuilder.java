package io.jenkins.plugins.ecsdeploy.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.steps.RollbackDeploymentStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Freestyle build step: all traffic back to the previous slot, verified. */
public final class RollbackDeploymentBuilder extends AbstractDeploymentBuilder {

    private String reason;

    @DataBoundConstructor
    public RollbackDeploymentBuilder() {
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = FieldText.trimmed(reason);
    }

    @Override
    protected OperationSpec spec(EnvVars env) {
        return OperationSpec.rollback(reason == null ? null : env.expand(reason), null);
    }

    /** Form for the build step. */
    @Extension
    public static final class DescriptorImpl extends DescriptorBase {

        public DescriptorImpl() {
            super(RollbackDeploymentBuilder.class, RollbackDeploymentStep.class, "reason");
        }

        @Override
        public String getDisplayName() {
            return Messages.RollbackDeploymentStep_displayName();
        }
    }
}
