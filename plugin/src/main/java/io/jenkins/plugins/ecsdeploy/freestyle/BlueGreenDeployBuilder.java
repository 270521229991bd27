package io.jenkins.plugins.ecsdeploy.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.environment.FormChecks;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.steps.BlueGreenDeployStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** Freestyle build step: blue/green deployment of an image tag (build variables such as $TAG are expanded). */
public final class BlueGreenDeployBuilder extends AbstractDeploymentBuilder {

    private final String imageTag;
    private boolean promote = true;
    private String readinessTimeout;
    private String bakeTime;
    private String scaleDownOldAfter;

    @DataBoundConstructor
    public BlueGreenDeployBuilder(String imageTag) {
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
    protected OperationSpec spec(EnvVars env) {
        return OperationSpec.deploy(env.expand(imageTag), promote, readinessTimeout, bakeTime, scaleDownOldAfter);
    }

    /** Form for the build step. */
    @Extension
    public static final class DescriptorImpl extends DescriptorBase {

        public DescriptorImpl() {
            super(BlueGreenDeployBuilder.class, BlueGreenDeployStep.class, "imageTag", "promote",
                    "readinessTimeout", "bakeTime", "scaleDownOldAfter");
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
