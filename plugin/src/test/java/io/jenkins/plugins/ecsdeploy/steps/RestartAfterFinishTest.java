package io.jenkins.plugins.ecsdeploy.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.FakeEnvironment;
import io.jenkins.plugins.ecsdeploy.ShortLockSettle;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Jenkins restarts after the deployment finished but before its step completed (the window between the engine's
 * last step and onSuccess): after the restart the step completes with the recorded result, without touching AWS
 * again.
 */
@ExtendWith(ShortLockSettle.class)
class RestartAfterFinishTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private FakeAws aws;

    @BeforeEach
    void startAws() {
        aws = FakeAws.startStandard();
    }

    @AfterEach
    void stopAws() {
        DeploymentStepExecution.holdCompletionForTests = false;
        aws.close();
    }

    @Test
    void aFinishedDeploymentCompletesItsStepAfterRestart() throws Throwable {
        int[] callsBefore = new int[1];
        sessions.then(r -> {
            FakeEnvironment.install(aws, "1s");
            DeploymentStepExecution.holdCompletionForTests = true;
            WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
            job.setDefinition(new CpsFlowDefinition("""
                    def result = blueGreenDeploy imageTag: 'v2.0.0'
                    echo "finished on ${result.activeSlot} with ${result.toImage}"
                    """, true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            DeploymentEntry entry = null;
            while (entry == null || entry.isRunning()) {
                Thread.sleep(100);
                DeploymentAction action = run.getAction(DeploymentAction.class);
                entry = action == null ? null : action.getLatest();
            }
            assertThat(run.isBuilding()).as("the step is held between finish and completion").isTrue();
            callsBefore[0] = aws.calls().size();
        });
        sessions.then(r -> {
            DeploymentStepExecution.holdCompletionForTests = false;
            WorkflowRun run = r.jenkins.getItemByFullName("deploy", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(run));
            r.assertLogContains("finished on green with " + FakeAws.IMAGE.replace(":v1.0.0", ":v2.0.0"), run);
            assertThat(run.getAction(DeploymentAction.class).getLatest().getRecord().getOutcome())
                    .isEqualTo(Outcome.SUCCEEDED);
            assertThat(aws.calls()).as("no AWS call after the restart").hasSize(callsBefore[0]);
            assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        });
    }
}
