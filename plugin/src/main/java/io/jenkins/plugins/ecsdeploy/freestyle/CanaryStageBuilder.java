package io.jenkins.plugins.ecsdeploy.freestyle;

import hudson.EnvVars;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.environment.FormChecks;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import io.jenkins.plugins.ecsdeploy.steps.CanaryPlan;
import io.jenkins.plugins.ecsdeploy.steps.CanaryStageStep;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** Freestyle build step: canary stages with analysis; stages are typed as a comma-separated list. */
public final class CanaryStageBuilder extends AbstractDeploymentBuilder {

    private String percent;
    private String duration;
    private String stages;
    private String stageDuration;
    private String canarySlot;

    @DataBoundConstructor
    public CanaryStageBuilder() {
    }

    public String getPercent() {
        return percent;
    }

    @DataBoundSetter
    public void setPercent(String percent) {
        this.percent = FieldText.trimmed(percent);
    }

    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        this.duration = FieldText.trimmed(duration);
    }

    public String getStages() {
        return stages;
    }

    @DataBoundSetter
    public void setStages(String stages) {
        this.stages = FieldText.trimmed(stages);
    }

    public String getStageDuration() {
        return stageDuration;
    }

    @DataBoundSetter
    public void setStageDuration(String stageDuration) {
        this.stageDuration = FieldText.trimmed(stageDuration);
    }

    public String getCanarySlot() {
        return canarySlot;
    }

    @DataBoundSetter
    public void setCanarySlot(String canarySlot) {
        this.canarySlot = FieldText.trimmed(canarySlot);
    }

    @Override
    protected OperationSpec spec(EnvVars env) {
        List<Integer> plan = stages == null ? null
                : FieldText.list(stages).stream().map(s -> FieldText.integer("stages", s)).toList();
        return CanaryPlan.spec(FieldText.integer("percent", percent), duration, plan, stageDuration, canarySlot);
    }

    /** Form for the build step. */
    @Extension
    public static final class DescriptorImpl extends DescriptorBase {

        public DescriptorImpl() {
            super(CanaryStageBuilder.class, CanaryStageStep.class, "percent", "duration", "stageDuration",
                    "canarySlot");
        }

        @Override
        public String getDisplayName() {
            return Messages.CanaryStageStep_displayName();
        }

        public FormValidation doCheckPercent(@QueryParameter String value) {
            return FormChecks.percent("percent", value);
        }

        public FormValidation doCheckDuration(@QueryParameter String value) {
            return FormChecks.duration("duration", value);
        }

        public FormValidation doCheckStages(@QueryParameter String value) {
            for (String s : FieldText.list(value)) {
                FormValidation v = FormChecks.percent("stages", s);
                if (v.kind != FormValidation.Kind.OK) {
                    return v;
                }
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckStageDuration(@QueryParameter String value) {
            return FormChecks.duration("stageDuration", value);
        }

        public FormValidation doCheckCanarySlot(@QueryParameter String value) {
            return FormChecks.slot(value);
        }
    }
}
