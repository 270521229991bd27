package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The other kinds of environment, configured in Jenkins with the kind's YAML sections, run with the same steps and
 * the same syntax as the ALB kind: Route 53 weighted records over two endpoints and over two App Runner services,
 * and a CodeDeploy deployment group, inside the deployment block with an approval at CodeDeploy's ready point.
 */
@WithJenkins
class EnvironmentKindsTest {

    private static final String ROUTE53 = """
            route53:
              hostedZoneId: %s
              recordName: %s
              recordType: CNAME
              setIdentifiers: {blue: %s, green: %s}
            """.formatted(FakeAws.HOSTED_ZONE_ID, FakeAws.RECORD_NAME, FakeAws.BLUE_SET_IDENTIFIER,
            FakeAws.GREEN_SET_IDENTIFIER);

    private static final String CODE_DEPLOY = """
            codeDeploy:
              application: %s
              deploymentGroup: %s
              containerPort: 8080
            """.formatted(CodeDeploySeed.APPLICATION, CodeDeploySeed.GROUP);

    private FakeAws aws;

    @BeforeEach
    void startAws() {
        aws = FakeAws.startStandard();
        // Short TTLs: the engine waits the records' TTL before it judges a split, and App Runner's update a minute.
        aws.edit(s -> {
            s.hostedZones.get(FakeAws.HOSTED_ZONE_ID).records.forEach(r -> r.ttl = 1L);
            s.appRunnerOperationSeconds = 1;
        });
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    @Test
    void weightedRecordsOverTwoEndpointsSwitchAndRollBack(JenkinsRule r) throws Exception {
        install(ROUTE53 + "slots: {kind: none}\n");

        WorkflowRun run = run(r, "trafficSwitch to: 'green'", Result.SUCCESS);
        assertThat(aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(aws.listenerSplit()).as("the ALB is not this environment's").isEqualTo(new TrafficSplit(100, 0));
        r.assertLogContains("in sync", run);
        r.assertLogContains("records' TTL", run);
        assertThat(calls("ChangeResourceRecordSets")).hasSize(1);

        WorkflowRun rollback = run(r, "rollbackDeployment reason: 'checkout errors'", Result.SUCCESS);
        assertThat(aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rollback.getAction(DeploymentAction.class).getLatest().getRecord().getOperation())
                .isEqualTo(Operation.ROLLBACK);
    }

    @Test
    void appRunnerSlotsDeployWithTheSameStep(JenkinsRule r) throws Exception {
        install(ROUTE53 + """
                slots:
                  kind: appRunner
                  blue: {service: '%s'}
                  green: {service: '%s'}
                """.formatted(FakeAws.APP_RUNNER_BLUE_ARN, FakeAws.APP_RUNNER_GREEN_ARN));

        WorkflowRun run = run(r, """
                def result = blueGreenDeploy imageTag: 'v2.0.0'
                echo "active=${result.activeSlot} image=${result.image}"
                """, Result.SUCCESS);

        assertThat(aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(appRunnerImage(FakeAws.APP_RUNNER_GREEN_ARN)).endsWith(":v2.0.0");
        assertThat(appRunnerImage(FakeAws.APP_RUNNER_BLUE_ARN)).isEqualTo(FakeAws.APP_RUNNER_IMAGE);
        assertThat(calls("UpdateService")).as("no ECS service is touched").allMatch(c -> c.body()
                .contains("ServiceArn"));
        r.assertLogContains("active=green", run);
        assertThat(run.getAction(DeploymentAction.class).getLatest().getRecord().getOutcome())
                .isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void aCodeDeployDeploymentWaitsAtReadyInsideTheBlockAndTheSwitchContinuesIt(JenkinsRule r) throws Exception {
        aws.edit(s -> {
            CodeDeploySeed.seed(s);
            s.codeDeployStepSeconds = 1;
            CodeDeploySeed.group(s).readyWait = true;
            CodeDeploySeed.group(s).terminationWaitMinutes = 0;
        });
        DeploymentEnvironment env = install(CODE_DEPLOY);
        env.setContainer(FakeAws.CONTAINER);
        WorkflowJob job = r.createProject(WorkflowJob.class, "codedeploy");
        job.setDefinition(new CpsFlowDefinition("""
                ecsDeployment(environment: 'production') {
                  blueGreenDeploy imageTag: 'v2.0.0', promote: false
                  input message: 'Promote?', id: 'Promote'
                  trafficSwitch to: 'green'
                }
                """, true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Promote?", run);
        assertThat(aws.listenerSplit()).as("production untouched at the ready point").isEqualTo(
                TrafficSplit.allTo(Slot.BLUE));
        assertThat(calls("CreateDeployment")).hasSize(1);
        assertThat(calls("ContinueDeployment")).isEmpty();

        InputAction input = run.getAction(InputAction.class);
        while (input == null || input.getExecution("Promote") == null) {
            Thread.sleep(50);
            input = run.getAction(InputAction.class);
        }
        input.getExecution("Promote").doProceedEmpty();
        r.assertBuildStatusSuccess(r.waitForCompletion(run));

        assertThat(aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(calls("ContinueDeployment")).hasSize(1);
        assertThat(calls("CreateDeployment")).hasSize(1);
        assertThat(FakeEnvironment.lockKeys(aws.tags(FakeAws.LISTENER_ARN))).isEmpty();
        DeploymentRecord deploy = run.getAction(DeploymentAction.class).getEntries().get(0).getRecord();
        assertThat(deploy.getManagedDeployment()).isNotNull();
        assertThat(deploy.getManagedEvents()).isNotEmpty();
        r.assertLogContains("Deployment " + deploy.getManagedDeployment(), run);
    }

    @Test
    void aRollbackStepAfterACodeDeployDeploymentDeploysTheRevisionItReplaced(JenkinsRule r) throws Exception {
        aws.edit(s -> {
            CodeDeploySeed.seed(s);
            s.codeDeployStepSeconds = 1;
            CodeDeploySeed.group(s).terminationWaitMinutes = 0;
        });
        install(CODE_DEPLOY).setContainer(FakeAws.CONTAINER);

        WorkflowRun run = run(r, """
                blueGreenDeploy imageTag: 'v2.0.0'
                rollbackDeployment reason: 'checkout errors'
                """, Result.SUCCESS);

        // The original task set is gone after the deployment: the rollback is a deployment of the revision the
        // first one replaced, which the step takes from the deploy's state in this build.
        assertThat(calls("CreateDeployment")).hasSize(2);
        assertThat(calls("CreateDeployment").get(1).body()).contains(FakeAws.TASK_DEFINITION_ARN);
        assertThat(aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        r.assertLogContains("checkout errors", run);
    }

    private DeploymentEnvironment install(String kindYaml) throws Exception {
        DeploymentEnvironment env = new DeploymentEnvironment("production");
        FakeEnvironment.install(aws, "1s");
        env.setCredentialsId(FakeEnvironment.CREDENTIALS_ID);
        env.setRegion(FakeAws.REGION);
        env.setEndpointUrl(aws.endpoint());
        env.setPollInterval("1s");
        env.setReadinessTimeout("30s");
        env.setBakeTime("1s");
        env.setKindYaml(kindYaml);
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));
        return env;
    }

    private String appRunnerImage(String arn) {
        String image = aws.read(s -> s.appRunnerServices.get(arn).image);
        return image;
    }

    private List<Call> calls(String action) {
        return aws.calls(action);
    }

    private static WorkflowRun run(JenkinsRule r, String script, Result expected) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return r.assertBuildStatus(expected, job.scheduleBuild2(0));
    }
}
