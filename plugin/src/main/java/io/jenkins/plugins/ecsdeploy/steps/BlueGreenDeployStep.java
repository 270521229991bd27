package io.jenkins.plugins.ecsdeploy.steps;

import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.environment.FormChecks;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code blueGreenDeploy imageTag: 'v1.2.3'}: deploys the image to the idle slot, checks it, switches production
 * traffic and watches it bake, rolling back on failure. Returns a map with {@code activeSlot}, {@code image},
 * {@code deploymentId} and {@code outcome}.
 */
public final class BlueGreenDeployStep extends AbstractDeploymentStep {

    private final String imageTag;
    private boolean promote = true;
    private String readinessTimeout;
    private String bakeTime;
    private String scaleDownOldAfter;

    @DataBoundConstructor
    public BlueGreenDeployStep(String imageTag) {
        this.imageTag = FieldText.trimmed(imageTag);
    }

    public String getImageTag() {
        return imageTag;
    }

    public boolean isPromote() {
        return promote;
    }

    @DataBoundSetter
    public void setPromote(boolean promote) {
        this.promote = promote;
    }

    public String getReadinessTimeout() {
        return readinessTimeout;
    }

    @DataBoundSetter
    public void setReadinessTimeout(String readinessTimeout) {
        this.readinessTimeout = FieldText.trimmed(readinessTimeout);
    }

    public String getBakeTime() {
        return bakeTime;
    }

    @DataBoundSetter
    public void setBakeTime(String bakeTime) {
        this.bakeTime = FieldText.trimmed(bakeTime);
    }

    public String getScaleDownOldAfter() {
        return scaleDownOldAfter;
    }

    @DataBoundSetter
    public void setScaleDownOldAfter(String scaleDownOldAfter) {
        this.scaleDownOldAfter = FieldText.trimmed(scaleDownOldAfter);
    }

    @Override
    protected OperationSpec spec() {
        return OperationSpec.deploy(imageTag, promote, readinessTimeout, bakeTime, scaleDownOldAfter);
    }

    /** The step's name, form checks and snippet form. */
    @Extension
    @Symbol("blueGreenDeploy")
    public static final class DescriptorImpl extends DescriptorBase {

        @Override
        public String getFunctionName() {
            return "blueGreenDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.BlueGreenDeployStep_displayName();
        }

        public FormValidation doCheckImageTag(@QueryParameter String value) {
            return FormChecks.required(value, Messages.OperationSpec_imageTagRequired());
        }

        public FormValidation doCheckReadinessTimeout(@QueryParameter String value) {
            return FormChecks.duration("readinessTimeout", value);
        }

        public FormValidation doCheckBakeTime(@QueryParameter String value) {
            return FormChecks.duration("bakeTime", value);
        }

        public FormValidation doCheckScaleDownOldAfter(@QueryParameter String value) {
            return FormChecks.duration("scaleDownOldAfter", value);
        }
    }
}
