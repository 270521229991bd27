package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentFolderProperty;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import io.jenkins.plugins.ecsdeploy.runtime.TargetResolver;
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

/**
 * Who may deploy where: folder restrictions on global environments, the controller's own AWS identity only by an
 * administrator's choice, a workspace file never choosing a configured environment's credentials by its own name,
 * and endpoints other than AWS's set by administrators only. Each refusal happens before any AWS call.
 */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class EnvironmentScopeTest {

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
    void aFolderRestrictedEnvironmentServesOnlyJobsInsideTheFolder(JenkinsRule r) throws Exception {
        DeploymentEnvironment env = FakeEnvironment.install(aws, "1s");
        env.setAllowedFolders("payments");
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));
        WorkflowJob outside = r.createProject(WorkflowJob.class, "intruder");
        outside.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0', environment: 'production'",
                true));

        WorkflowRun refused = r.assertBuildStatus(Result.FAILURE, outside.scheduleBuild2(0));

        r.assertLogContains("restricted to jobs in the folders payments", refused);
        assertThat(aws.calls()).isEmpty();
        WorkflowJob inside = r.createProject(Folder.class, "payments").createProject(WorkflowJob.class, "deploy");
        inside.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0', environment: 'production'",
                true));
        r.assertBuildStatusSuccess(inside.scheduleBuild2(0));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void theControllerIdentityIsOnlyLentWhenAnAdministratorAllowsIt(JenkinsRule r) throws Exception {
        DeploymentEnvironment env = FakeEnvironment.install(aws, "1s");
        env.setCredentialsId(null);
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("'production' names no AWS credentials", run);
        assertThat(aws.calls()).isEmpty();
        assertThat(env.isUseControllerIdentity()).isFalse();
    }

    @Test
    void aConfigFileNamingAConfiguredEnvironmentDoesNotGetItsCredentials(JenkinsRule r) throws Exception {
        System.setProperty(TargetResolver.ANY_ENDPOINT_PROPERTY, "true");
        FakeEnvironment.install(aws, "1s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "pr-build");
        // The file names the configured environment "production", whose credentials the step does not name.
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'env.yaml', text: '''%s'''
                  blueGreenDeploy imageTag: 'v2.0.0', configFile: 'env.yaml'
                }
                """.formatted(yaml(aws)), true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("The file's own name: never selects them", run);
        assertThat(aws.calls()).isEmpty();
    }

    @Test
    void aConfigFileWithCredentialsTheJobMayUseDeploys(JenkinsRule r) throws Exception {
        System.setProperty(TargetResolver.ANY_ENDPOINT_PROPERTY, "true");
        FakeEnvironment.install(aws, "1s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "file-deploy");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'env.yaml', text: '''%s'''
                  blueGreenDeploy imageTag: 'v2.0.0', configFile: 'env.yaml', credentialsId: '%s'
                }
                """.formatted(yaml(aws), FakeEnvironment.CREDENTIALS_ID), true));

        r.assertBuildStatusSuccess(job.scheduleBuild2(0));

        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void anEndpointOnAFolderEnvironmentIsRefused(JenkinsRule r) throws Exception {
        FakeEnvironment.install(aws, "1s");
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of());
        Folder team = r.createProject(Folder.class, "team");
        EcsDeploymentFolderProperty property = new EcsDeploymentFolderProperty();
        property.setEnvironments(List.of(FakeEnvironment.environment(aws, "1s")));
        team.addProperty(property);
        WorkflowJob job = team.createProject(WorkflowJob.class, "deploy");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));

        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        r.assertLogContains("sets endpointUrl, which only environments defined in Manage Jenkins", run);
        assertThat(aws.calls()).isEmpty();
    }

    /** The fake's environment as a workspace file would give it. */
    private static String yaml(FakeAws aws) {
        return """
                name: production
                region: %s
                endpointUrl: %s
                cluster: %s
                container: %s
                slots:
                  blue:
                    service: %s
                    targetGroup: %s
                  green:
                    service: %s
                    targetGroup: %s
                listener:
                  arn: %s
                testListener:
                  arn: %s
                health:
                  readinessTimeout: 30s
                  pollInterval: 1s
                  bakeTime: 1s
                """.formatted(FakeAws.REGION, aws.endpoint(), FakeAws.CLUSTER, FakeAws.CONTAINER,
                FakeAws.BLUE_SERVICE, FakeAws.BLUE_TARGET_GROUP, FakeAws.GREEN_SERVICE, FakeAws.GREEN_TARGET_GROUP,
                FakeAws.LISTENER_ARN, FakeAws.TEST_LISTENER_ARN);
    }
}
