package io.jenkins.plugins.ecsdeploy.steps;

import hudson.Extension;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code rollbackDeployment reason: 'errors in checkout'} puts all production traffic back on the slot that served
 * it before the last switch, scaling that slot up first if it had been scaled down, and verifies the result.
 */
public final class RollbackDeploymentStep extends VersionBoundStep {

    private String reason;

    @DataBoundConstructor
    public RollbackDeploymentStep() {
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = FieldText.trimmed(reason);
    }

    @Override
    protected OperationSpec spec() {
        return OperationSpec.rollback(reason, null);
    }

    /** The step's name and snippet form. */
    @Extension
    @Symbol("rollbackDeployment")
    public static final class DescriptorImpl extends DescriptorBase {

        @Override
        public String getFunctionName() {
            return "rollbackDeployment";
        }

        @Override
        public String getDisplayName() {
            return Messages.RollbackDeploymentStep_displayName();
        }
    }
}
