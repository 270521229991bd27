package io.jenkins.plugins.ecsdeploy.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.FakeEnvironment;
import io.jenkins.plugins.ecsdeploy.ShortLockSettle;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Jenkins restarts while an ecsDeployment block waits at its approval with 10 % of production on the new version:
 * after the restart the block still holds the lock and the scope, and rejecting the approval then rolls traffic back
 * before the block ends. The fake AWS outlives both sessions, as AWS would.
 */
@ExtendWith(ShortLockSettle.class)
class DeploymentBlockRestartTest {

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
    void aRejectionAfterARestartAtTheApprovalRollsBack() throws Throwable {
        sessions.then(r -> {
            FakeEnvironment.install(aws, "1s");
            WorkflowJob job = r.createProject(WorkflowJob.class, "block");
            job.setDefinition(new CpsFlowDefinition(DeploymentBlockTest.FLOW, true));
            WorkflowRun run = job.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Promote?", run);
            assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
        });
        sessions.then(r -> {
            WorkflowRun run = r.jenkins.getItemByFullName("block", WorkflowJob.class).getBuildByNumber(1);
            assertThat(run.isBuilding()).isTrue();
            assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).hasSize(1);
            r.waitForMessage("Resuming build", run);
            // The approval comes back with the build (getExecution waits for the program to load), and is rejected.
            InputAction input = run.getAction(InputAction.class);
            input.getExecution("Promote").doAbort();
            r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));
            r.assertLogContains("rolling back to the stable slot before the block ends", run);
            assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
            assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).isEmpty();
        });
    }
}
