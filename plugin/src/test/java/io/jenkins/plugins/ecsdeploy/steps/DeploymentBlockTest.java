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
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The ecsDeployment block: one deployment, one lock, across steps and an approval. A rejected approval with
 * traffic split rolls back before the block ends; an approved one promotes the version the block prepared, never a
 * colour; a second build cannot touch the environment while the first waits; the lock ends released.
 */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class DeploymentBlockTest {

    static final String FLOW = """
            ecsDeployment(environment: 'production') {
              def prepared = blueGreenDeploy imageTag: 'v2.0.0', promote: false
              trafficSwitch weights: [blue: 90, green: 10]
              input message: 'Promote?', id: 'Promote'
              def promoted = trafficSwitch()
              echo "promoted ${promoted.toImage} on ${promoted.targetSlot}"
            }
            """;

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
    void anApprovedBlockPromotesThePreparedVersionAndReleasesTheLock(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = startAndWaitForInput(r, "approved");

        input(run).getExecution("Promote").doProceedEmpty();
        r.assertBuildStatusSuccess(r.waitForCompletion(run));

        r.assertLogContains("promoted " + FakeAws.IMAGE.replace(":v1.0.0", ":v2.0.0") + " on green", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).isEmpty();
    }

    @Test
    void aRejectedApprovalRollsBackBeforeTheBlockEnds(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = startAndWaitForInput(r, "rejected");
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));

        input(run).getExecution("Promote").doAbort();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

        r.assertLogContains("rolling back to the stable slot before the block ends", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).isEmpty();
    }

    @Test
    void anAbortAtTheApprovalRollsBackBeforeTheBlockEnds(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = startAndWaitForInput(r, "aborted");

        run.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

        r.assertLogContains("rolling back to the stable slot before the block ends", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).isEmpty();
    }

    @Test
    void aSwitchExpectingAnotherImageIsRefusedBeforeAnyWrite(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "mismatch");
        job.setDefinition(new CpsFlowDefinition("""
                blueGreenDeploy imageTag: 'v2.0.0', promote: false
                trafficSwitch to: 'green', expectedImage: 'v9.9.9'
                """, true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("v9.9.9", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(aws.calls("ModifyListener").stream()
                .filter(c -> FakeAws.LISTENER_ARN.equals(c.param("ListenerArn")))).isEmpty();
    }

    @Test
    void aSecondBuildCannotChangeTheEnvironmentWhileTheFirstWaits(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun first = startAndWaitForInput(r, "first");
        int writes = aws.calls("ModifyListener").size() + aws.calls("UpdateService").size();

        WorkflowJob other = r.createProject(WorkflowJob.class, "second");
        other.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v3.0.0'", true));
        WorkflowRun second = r.assertBuildStatus(Result.FAILURE, other.scheduleBuild2(0));

        r.assertLogContains("jenkins-1-block-", second);
        assertThat(aws.calls("ModifyListener").size() + aws.calls("UpdateService").size()).isEqualTo(writes);
        assertThat(aws.service(FakeAws.GREEN_SERVICE).image()).endsWith(":v2.0.0");
        input(first).getExecution("Promote").doProceedEmpty();
        r.assertBuildStatusSuccess(r.waitForCompletion(first));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void stepsInsideTheBlockNameNoEnvironment(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "misuse");
        job.setDefinition(new CpsFlowDefinition("""
                ecsDeployment(environment: 'production') {
                  blueGreenDeploy imageTag: 'v2.0.0', environment: 'production'
                }
                """, true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("remove environment, configFile and credentialsId from this step", run);
        assertThat(aws.calls("UpdateService")).isEmpty();
        assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).isEmpty();
    }

    private static WorkflowRun startAndWaitForInput(JenkinsRule r, String name) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(FLOW, true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Promote?", run);
        return run;
    }

    private static InputAction input(WorkflowRun run) throws InterruptedException {
        InputAction action = run.getAction(InputAction.class);
        while (action == null) {
            Thread.sleep(50);
            action = run.getAction(InputAction.class);
        }
        return action;
    }
}
