package io.jenkins.plugins.ecsdeploy.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import java.util.stream.Collectors;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.StaplerRequest2;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import io.jenkins.plugins.ecsdeploy.environment.FormChecks;
import io.jenkins.plugins.ecsdeploy.runtime.OperationSpec;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code canaryStage percent: 10, duration: '5m'} sends that share of production traffic to the canary slot (the
 * one a {@code promote: false} deployment prepared) and analyses it for the duration; {@code stages: [5, 25, 50],
 * stageDuration: '5m'} runs a plan of stages. A failing analysis moves traffic back and fails the step.
 */
public final class CanaryStageStep extends VersionBoundStep {

    private Integer percent;
    private String duration;
    private List<Integer> stages;
    private String stageDuration;
    private String canarySlot;

    @DataBoundConstructor
    public CanaryStageStep() {
    }

    public Integer getPercent() {
        return percent;
    }

    @DataBoundSetter
    public void setPercent(Integer percent) {
        this.percent = percent;
    }

    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        this.duration = FieldText.trimmed(duration);
    }

    public List<Integer> getStages() {
        return stages;
    }

    @DataBoundSetter
    public void setStages(@CheckForNull List<Integer> stages) {
        this.stages = stages == null || stages.isEmpty() ? null : List.copyOf(stages);
    }

    public String getStageDuration() {
        return stageDuration;
    }

    @DataBoundSetter
    public void setStageDuration(String stageDuration) {
        this.stageDuration = FieldText.trimmed(stageDuration);
    }

    /** The stages as the form shows them, {@code 5, 25, 50}; the Pipeline parameter is {@link #getStages}. */
    public String getStagesText() {
        return stages == null ? "" : stages.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    public String getCanarySlot() {
        return canarySlot;
    }

    @DataBoundSetter
    public void setCanarySlot(String canarySlot) {
        this.canarySlot = FieldText.trimmed(canarySlot);
    }

    @Override
    protected OperationSpec spec() {
        return CanaryPlan.spec(percent, duration, stages, stageDuration, canarySlot);
    }

    /** The step's name, form checks and snippet form. */
    @Extension
    @Symbol("canaryStage")
    public static final class DescriptorImpl extends DescriptorBase {

        @Override
        public String getFunctionName() {
            return "canaryStage";
        }

        @Override
        public String getDisplayName() {
            return Messages.CanaryStageStep_displayName();
        }

        /**
         * The form has one text field for the plan ({@code 5, 25, 50}); it becomes the {@code stages} list, so the
         * Snippet Generator writes {@code canaryStage stages: [5, 25, 50], stageDuration: '5m'}.
         */
        @Override
        public Step newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
            JSONObject data = JSONObject.fromObject(formData);
            String text = data.optString("stagesText", "");
            data.remove("stagesText");
            CanaryStageStep step = (CanaryStageStep) super.newInstance(req, data);
            try {
                step.setStages(StagePlanText.parse(text));
            } catch (IllegalArgumentException e) {
                throw new FormException(e.getMessage(), "stagesText");
            }
            return step;
        }

        public FormValidation doCheckStagesText(@QueryParameter String value) {
            try {
                StagePlanText.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckPercent(@QueryParameter String value) {
            return FormChecks.percent("percent", value);
        }

        public FormValidation doCheckDuration(@QueryParameter String value) {
            return FormChecks.duration("duration", value);
        }

        public FormValidation doCheckStageDuration(@QueryParameter String value) {
            return FormChecks.duration("stageDuration", value);
        }

        public FormValidation doCheckCanarySlot(@QueryParameter String value) {
            return FormChecks.slot(value);
        }
    }
}
