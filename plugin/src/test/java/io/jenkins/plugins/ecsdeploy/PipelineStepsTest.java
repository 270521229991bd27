package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.runtime.TargetResolver;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentFolderProperty;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Pipeline steps against the fake AWS wire: what AWS was asked, what the build recorded and returned. */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class PipelineStepsTest {

    private FakeAws aws;

    @BeforeEach
    void startAws() {
        aws = FakeAws.startStandard();
    }

    @AfterEach
    void stopAws() {
        System.clearProperty(TargetResolver.ANY_ENDPOINT_PROPERTY);
        aws.close();
    }

    @Test
    void blueGreenDeploySwitchesTrafficToTheNewSlotAndReturnsWhereItWent(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = runPipeline(r, """
                def result = blueGreenDeploy imageTag: 'v2.0.0'
                echo "active=${result.activeSlot} image=${result.image} outcome=${result.outcome}"
                """, Result.SUCCESS);

        assertThat(aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(aws.service(FakeAws.GREEN_SERVICE).image()).endsWith(":v2.0.0");
        assertThat(productionListenerChanges()).isNotEmpty();
        r.assertLogContains("active=green", run);
        r.assertLogContains("outcome=SUCCEEDED", run);
        r.assertLogContains("BAKE", run);
        DeploymentEntry entry = run.getAction(DeploymentAction.class).getLatest();
        assertThat(entry.isRunning()).isFalse();
        assertThat(entry.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(entry.getFinalSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertNoSecrets(run);
    }

    @Test
    void aRolloutThatFailsLeavesProductionTrafficAlone(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        aws.rolloutFails(FakeAws.GREEN_SERVICE);
        WorkflowRun run = runPipeline(r, "blueGreenDeploy imageTag: 'v2.0.0'", Result.FAILURE);

        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(productionListenerChanges()).isEmpty();
        assertThat(run.getAction(DeploymentAction.class).getLatest().getRecord().getOutcome())
                .isEqualTo(Outcome.FAILED);
        assertNoSecrets(run);
    }

    @Test
    void anUnhealthySlotDuringTheBakeRollsTrafficBack(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "30s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("\u2192 BAKE", run);
        aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(run));

        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(run.getAction(DeploymentAction.class).getLatest().getRecord().getOutcome())
                .isEqualTo(Outcome.ROLLED_BACK);
    }

    @Test
    void abortingTheBuildDuringTheBakePutsTrafficBackBeforeTheStepEnds(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "5m");
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("\u2192 BAKE", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));

        run.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(run));

        // The step ended only once traffic was back, and the build records the abort.
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        r.assertLogContains("Abort requested by", run);
        DeploymentEntry entry = run.getAction(DeploymentAction.class).getLatest();
        assertThat(entry.isRunning()).isFalse();
        assertThat(entry.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(entry.getRecord().getAbortedBy()).isNotBlank();
    }

    @Test
    void promoteFalseThenTrafficSwitchMovesTrafficOnlyWhenAsked(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = runPipeline(r, """
                def ready = blueGreenDeploy imageTag: 'v2.0.0', promote: false
                echo "after deploy: active=${ready.activeSlot} outcome=${ready.outcome}"
                trafficSwitch weights: [blue: 90, green: 10]
                echo 'split set'
                trafficSwitch to: 'green'
                """, Result.SUCCESS);

        r.assertLogContains("after deploy: active=blue outcome=READY_NOT_PROMOTED", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        // The two switches are two separate records on the build, after the deployment.
        assertThat(run.getAction(DeploymentAction.class).getEntries())
                .extracting(e -> e.getRecord().getOperation())
                .containsExactly(Operation.DEPLOY, Operation.SWITCH, Operation.SWITCH);
        assertThat(productionListenerChanges()).hasSize(2);
    }

    @Test
    void rollbackDeploymentPutsTrafficBack(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        runPipeline(r, "blueGreenDeploy imageTag: 'v2.0.0'", Result.SUCCESS);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));

        WorkflowRun run = runPipeline(r, "rollbackDeployment reason: 'checkout errors'", Result.SUCCESS);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(run.getAction(DeploymentAction.class).getLatest().getRecord().getOperation())
                .isEqualTo(Operation.ROLLBACK);
    }

    @Test
    void anUnknownEnvironmentFailsBeforeAnyAwsCall(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = runPipeline(r, "blueGreenDeploy imageTag: 'v2', environment: 'staging'", Result.FAILURE);
        r.assertLogContains("No deployment environment named 'staging'", run);
        r.assertLogContains("Known: production", run);
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void aBadDurationNamesTheParameter(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        WorkflowRun run = runPipeline(r, "blueGreenDeploy imageTag: 'v2', bakeTime: 'five minutes'", Result.FAILURE);
        r.assertLogContains("bakeTime", run);
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void aFolderEnvironmentWithoutCredentialsIsRefusedBeforeAnyAwsCall(JenkinsRule r) throws Exception {
        // Lets the folder's environment point at the fake, which only administrators' environments may do.
        System.setProperty(TargetResolver.ANY_ENDPOINT_PROPERTY, "true");
        DeploymentEnvironment env = FakeEnvironment.environment(aws, "1s");
        env.setCredentialsId(null);
        Folder team = r.createProject(Folder.class, "team");
        EcsDeploymentFolderProperty property = new EcsDeploymentFolderProperty();
        property.setEnvironments(List.of(env));
        team.addProperty(property);
        WorkflowJob job = team.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        // The controller's own AWS identity is for environments an administrator defined, not a folder's.
        r.assertLogContains("'production' names no AWS credentials", run);
        assertThat(aws.calls()).isEmpty();
    }

    /** ModifyListener calls on the production listener (the test listener is moved as part of every deploy). */
    private List<Call> productionListenerChanges() {
        return aws.calls("ModifyListener").stream()
                .filter(c -> FakeAws.LISTENER_ARN.equals(c.param("ListenerArn")))
                .toList();
    }

    private static WorkflowRun runPipeline(JenkinsRule r, String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    static void assertNoSecrets(WorkflowRun run) throws Exception {
        assertThat(JenkinsRule.getLog(run)).doesNotContain(FakeEnvironment.SECRET_KEY);
        String buildXml = Files.readString(new File(run.getRootDir(), "build.xml").toPath(), StandardCharsets.UTF_8);
        assertThat(buildXml).doesNotContain(FakeEnvironment.SECRET_KEY).doesNotContain(FakeEnvironment.ACCESS_KEY);
        assertThat(buildXml).contains(FakeEnvironment.CREDENTIALS_ID);
    }
}
