package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.action.EcsDeployPermissions;
import io.jenkins.plugins.ecsdeploy.core.engine.Operation;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build page's Rollback button: POST only, needs the Rollback permission, refuses once traffic moved, and
 * when allowed puts traffic back and records who asked. Also renders the plugin's views (deployment page, build
 * summary, job page box) through Jenkins, so a Jelly error or a missing getter fails here.
 */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class RollbackButtonTest {

    private FakeAws aws;
    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void deployOnce(JenkinsRule rule) throws Exception {
        r = rule;
        aws = FakeAws.startStandard();
        FakeEnvironment.install(aws, "1s");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        job = r.createProject(WorkflowJob.class, "deploy");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "oncall", "admin")
                .grant(EcsDeployPermissions.ROLLBACK).onItems(job).to("oncall")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v2.0.0'", true));
        r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    @Test
    void getIsRefused() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("oncall");
        wc.assertFails("job/deploy/1/ecs-deployment/rollback", 405);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void postWithoutThePermissionIsForbidden() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("reader");
        assertThat(post(wc)).isEqualTo(403);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(job.getBuildByNumber(1).getAction(DeploymentAction.class).getEntries()).hasSize(1);
    }

    @Test
    void postWithThePermissionRollsBackAndRecordsWho() throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().login("oncall");
        assertThat(post(wc)).isEqualTo(200);

        DeploymentAction action = job.getBuildByNumber(1).getAction(DeploymentAction.class);
        DeploymentEntry rollback = action.getLatest();
        assertThat(rollback.getRecord().getOperation()).isEqualTo(Operation.ROLLBACK);
        assertThat(rollback.getRollbackClickedBy()).isEqualTo("oncall");
        waitUntilFinished(rollback);
        assertThat(rollback.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));

        // The record is saved with the build, so it survives a reload of build.xml.
        job.getBuildByNumber(1).reload();
        assertThat(job.getBuildByNumber(1).getAction(DeploymentAction.class).getLatest().getRollbackClickedBy())
                .isEqualTo("oncall");
    }

    @Test
    void refusesOnceTrafficHasMovedSince() throws Exception {
        job.setDefinition(new CpsFlowDefinition("trafficSwitch weights: [blue: 50, green: 50]", true));
        r.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));

        JenkinsRule.WebClient wc = r.createWebClient().login("oncall");
        assertThat(post(wc)).isEqualTo(409);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(50, 50));
    }

    @Test
    void thePagesShowTheDeploymentAndOfferTheButtonOnlyToThoseWhoMayRollBack() throws Exception {
        // Without JavaScript: the test is about what the views render, not about echarts running in HtmlUnit.
        JenkinsRule.WebClient oncall = r.createWebClient().login("oncall");
        oncall.setJavaScriptEnabled(false);
        HtmlPage page = oncall.goTo("job/deploy/1/ecs-deployment/");
        assertThat(page.querySelectorAll("a.confirmation-link[data-url='rollback']")).hasSize(1);
        assertThat(page.asNormalizedText()).contains("Production traffic: blue 0%, green 100%");

        JenkinsRule.WebClient reader = r.createWebClient().login("reader");
        reader.setJavaScriptEnabled(false);
        HtmlPage readerPage = reader.goTo("job/deploy/1/ecs-deployment/");
        assertThat(readerPage.querySelectorAll("a.confirmation-link")).isEmpty();
        assertThat(readerPage.asNormalizedText()).contains("You do not have the permission to roll back");
        assertThat(reader.goTo("job/deploy/1/").asNormalizedText()).contains("DEPLOY on production: SUCCEEDED");
        assertThat(reader.goTo("job/deploy/").asNormalizedText()).contains("Latest ECS deployment");
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    private static int post(JenkinsRule.WebClient wc) throws Exception {
        WebRequest request = new WebRequest(wc.createCrumbedUrl("job/deploy/1/ecs-deployment/rollback"),
                HttpMethod.POST);
        try {
            return wc.getPage(request).getWebResponse().getStatusCode();
        } catch (FailingHttpStatusCodeException e) {
            return e.getStatusCode();
        }
    }

    /** Polls the record the button's background rollback updates; bounded so a hang fails the test. */
    private static void waitUntilFinished(DeploymentEntry entry) throws InterruptedException {
        for (int i = 0; i < 600 && entry.isRunning(); i++) {
            Thread.sleep(100);
        }
        assertThat(entry.isRunning()).as("rollback still running").isFalse();
    }
}
