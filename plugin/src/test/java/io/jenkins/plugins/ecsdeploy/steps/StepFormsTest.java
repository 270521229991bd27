package io.jenkins.plugins.ecsdeploy.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every step survives its configuration form (StepConfigTester) and the Snippet Generator writes the syntax a
 * Pipeline reads back (SnippetizerTester), including a canary plan typed in the form's one text field.
 */
@WithJenkins
class StepFormsTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void blueGreenDeployRoundTrips() throws Exception {
        BlueGreenDeployStep step = new BlueGreenDeployStep("v1.2.3");
        step.setPromote(false);
        step.setBakeTime("5m");
        step.setEnvironment("production");

        BlueGreenDeployStep after = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, after);
        new SnippetizerTester(r).assertRoundTrip(step,
                "blueGreenDeploy bakeTime: '5m', environment: 'production', imageTag: 'v1.2.3', promote: false");
    }

    @Test
    void aCanaryPlanTypedInTheFormBecomesTheStagesList() throws Exception {
        CanaryStageStep step = new CanaryStageStep();
        step.setStages(List.of(5, 25, 50));
        step.setStageDuration("5m");

        CanaryStageStep after = new StepConfigTester(r).configRoundTrip(step);

        assertThat(after.getStages()).containsExactly(5, 25, 50);
        assertThat(after.getStagesText()).isEqualTo("5, 25, 50");
        new SnippetizerTester(r).assertRoundTrip(step, "canaryStage stageDuration: '5m', stages: [5, 25, 50]");
    }

    @Test
    void aSingleCanaryStageRoundTrips() throws Exception {
        CanaryStageStep step = new CanaryStageStep();
        step.setPercent(10);
        step.setDuration("5m");

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
        new SnippetizerTester(r).assertRoundTrip(step, "canaryStage duration: '5m', percent: 10");
    }

    @Test
    void trafficSwitchAndRollbackRoundTrip() throws Exception {
        TrafficSwitchStep to = new TrafficSwitchStep();
        to.setTo("green");
        TrafficSwitchStep weights = new TrafficSwitchStep();
        weights.setWeights(new TrafficWeights(90, 10));
        RollbackDeploymentStep rollback = new RollbackDeploymentStep();
        rollback.setReason("errors after release");

        r.assertEqualDataBoundBeans(to, new StepConfigTester(r).configRoundTrip(to));
        r.assertEqualDataBoundBeans(weights, new StepConfigTester(r).configRoundTrip(weights));
        r.assertEqualDataBoundBeans(rollback, new StepConfigTester(r).configRoundTrip(rollback));
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(to, "trafficSwitch to: 'green'");
        snippets.assertRoundTrip(weights, "trafficSwitch(weights: [blue: 90, green: 10])");
        snippets.assertRoundTrip(rollback, "rollbackDeployment reason: 'errors after release'");
    }

    @Test
    void stepsDescribeWhatTheyDidForGraphViews() {
        assertThat(r.jenkins.getDescriptorByType(BlueGreenDeployStep.DescriptorImpl.class).argumentsToString(
                Map.of("imageTag", "v1.2.3", "environment", "production", "credentialsId", "aws")))
                .isEqualTo("imageTag: v1.2.3 environment: production");
        assertThat(r.jenkins.getDescriptorByType(CanaryStageStep.DescriptorImpl.class).argumentsToString(Map.of("percent", 10, "duration", "5m")))
                .isEqualTo("percent: 10");
    }
}
