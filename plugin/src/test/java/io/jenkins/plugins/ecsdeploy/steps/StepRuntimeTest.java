package io.jenkins.plugins.ecsdeploy.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.FakeEnvironment;
import io.jenkins.plugins.ecsdeploy.ShortLockSettle;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The step runtime's promises: every path ends the step, and stop() never waits for AWS. An Error inside a step
 * fails the build instead of leaving it running for ever; an abort while a step is stuck in a slow AWS call returns
 * at once, then rolls traffic back and records who clicked.
 */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class StepRuntimeTest {

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
    void anErrorInsideAStepFailsTheBuild(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        SystemCredentialsProvider.getInstance().getCredentials().add(new ExplodingCredentials());
        SystemCredentialsProvider.getInstance().save();
        // The environment's credentials are ones whose use throws an Error, as a broken library or a linkage
        // problem would inside the SDK.
        DeploymentEnvironment env = FakeEnvironment.environment(aws, "1s");
        env.setCredentialsId(ExplodingCredentials.ID);
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        // Pipeline prints the Throwable itself: the Error reached the step's tick, not a wrapped engine failure.
        r.assertLogContains("java.lang.LinkageError: " + ExplodingCredentials.MESSAGE, run);
        assertThat(run.getAction(DeploymentAction.class).getLatest().isRunning()).isFalse();
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
    }

    @Test
    void stopDuringASlowAwsCallReturnsAtOnceThenRollsBackAndNamesTheUser(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "60s");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CANCEL).everywhere().to("alice"));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("\u2192 BAKE", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));

        // Every bake read now hangs until the SDK's attempt timeout: the next step is stuck inside AWS.
        aws.readTimeoutDelay(Duration.ofSeconds(30));
        aws.injectAlways("*", Fault.READ_TIMEOUT);
        DeploymentStepExecution execution = deploymentStep(run);
        while (!execution.blocksRestart()) {
            Thread.sleep(50);
        }

        JenkinsRule.WebClient wc = r.createWebClient().login("alice");
        wc.getPage(new WebRequest(wc.createCrumbedUrl("job/deploy/1/stop"), HttpMethod.POST));

        // The stop reached the step (the log says so) while its step was still inside the slow call.
        assertThat(execution.blocksRestart()).as("stop() waited for the AWS call").isTrue();
        aws.clearFaults();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

        var record = run.getAction(DeploymentAction.class).getLatest().getRecord();
        assertThat(record.getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(record.getAbortedBy()).isEqualTo("alice");
        r.assertLogContains("Abort requested by alice", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
    }

    private static DeploymentStepExecution deploymentStep(WorkflowRun run) throws Exception {
        while (true) {
            for (StepExecution e : run.getExecution().getCurrentExecutions(false).get()) {
                if (e instanceof DeploymentStepExecution d) {
                    return d;
                }
            }
            Thread.sleep(50);
        }
    }

    /** AWS credentials whose use throws an Error, the way a broken class path does inside the SDK. */
    static final class ExplodingCredentials extends AWSCredentialsImpl {
        static final String ID = "aws-exploding";
        static final String MESSAGE = "credentials class is broken (test)";

        ExplodingCredentials() {
            super(CredentialsScope.GLOBAL, ID, "AKIAEXPLODING0000001", "exploding-secret", "exploding");
        }

        @Override
        public AwsCredentials resolveCredentials() {
            throw new LinkageError(MESSAGE);
        }
    }
}
