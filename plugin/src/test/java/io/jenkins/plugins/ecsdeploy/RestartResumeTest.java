package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
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
 * A controller restart in the middle of the bake window: the step's saved engine state carries over and the
 * deployment finishes after the restart. The fake AWS outlives both sessions,
 * as real AWS would.
 */
@ExtendWith(ShortLockSettle.class)
class RestartResumeTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private FakeAws aws;

    @BeforeEach
    void startAws() {
        aws = FakeAws.startStandard();
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    @Test
    void aDeploymentInterruptedDuringTheBakeResumesAfterRestart() throws Throwable {
        sessions.then(r -> {
            FakeEnvironment.install(aws, "15s");
            WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
            job.setDefinition(new CpsFlowDefinition("""
                    def result = blueGreenDeploy imageTag: 'v2.0.0'
                    echo "finished on ${result.activeSlot}"
                    """, true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("\u2192 BAKE", run);
            // Traffic has already moved; the restart happens while the new slot is being watched.
            assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
            assertThat(run.getAction(DeploymentAction.class).getLatest().isRunning()).isTrue();
        });
        sessions.then(r -> {
            WorkflowJob job = r.jenkins.getItemByFullName("deploy", WorkflowJob.class);
            WorkflowRun run = job.getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(run));
            r.assertLogContains("finished on green", run);
            assertThat(run.getAction(DeploymentAction.class).getLatest().getRecord().getOutcome())
                    .isEqualTo(Outcome.SUCCEEDED);
            assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
            // Carried on from the saved state: one task definition, one production switch, across both sessions.
            assertThat(aws.calls("RegisterTaskDefinition")).hasSize(1);
            assertThat(aws.calls("ModifyListener").stream()
                    .filter(c -> FakeAws.LISTENER_ARN.equals(c.param("ListenerArn")))).hasSize(1);
        });
    }
}
