package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import java.time.Duration;
import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.action.EcsDeployPermissions;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
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
        JenkinsRule.WebClient wc = client("oncall");
        wc.assertFails("job/deploy/1/ecs-deployment/rollback", 405);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void postWithoutThePermissionIsForbidden() throws Exception {
        JenkinsRule.WebClient wc = client("reader");
        assertThat(post(wc)).isEqualTo(403);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(job.getBuildByNumber(1).getAction(DeploymentAction.class).getEntries()).hasSize(1);
    }

    @Test
    void postWithThePermissionRollsBackAndRecordsWho() throws Exception {
        JenkinsRule.WebClient wc = client("oncall");
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

        JenkinsRule.WebClient wc = client("oncall");
        assertThat(post(wc)).isEqualTo(409);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(50, 50));
    }

    @Test
    void refusesWhenTheSlotToGoBackToRunsAVersionALaterBuildPutThere() throws Exception {
        // #1 put v2.0.0 on green (blue kept v1.0.0); #2 puts v3.0.0 on blue, #3 v4.0.0 on green. The split is
        // "all green" again, as #1 left it, but blue now runs v3.0.0: going back from #1 would serve that.
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v3.0.0'", true));
        r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v4.0.0'", true));
        r.assertBuildStatusSuccess(job.scheduleBuild2(0));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        int modifies = aws.calls("ModifyListener").size();

        JenkinsRule.WebClient wc = client("oncall");
        assertThat(post(wc)).isEqualTo(409);

        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(aws.calls("ModifyListener")).hasSize(modifies);
        assertThat(job.getBuildByNumber(1).getAction(DeploymentAction.class).getEntries()).hasSize(1);
        // The latest build may roll back: blue still runs v3.0.0, which #3 replaced.
        assertThat(post(wc, 3)).isEqualTo(200);
        waitUntilFinished(job.getBuildByNumber(3).getAction(DeploymentAction.class).getLatest());
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
    }

    @Test
    void pagesRenderFromTheRecordWithoutCallingAws() throws Exception {
        // Without JavaScript: the live section is loaded by the page's script, which this test calls itself.
        JenkinsRule.WebClient oncall = client("oncall");
        JenkinsRule.WebClient reader = client("reader");
        int before = aws.calls().size();

        HtmlPage page = oncall.goTo("job/deploy/1/ecs-deployment/");
        assertThat(page.querySelectorAll("a.confirmation-link[data-url='rollback']")).hasSize(1);
        assertThat(page.querySelectorAll("#ecs-deploy-live")).hasSize(1);
        HtmlPage readerPage = reader.goTo("job/deploy/1/ecs-deployment/");
        assertThat(readerPage.querySelectorAll("a.confirmation-link")).isEmpty();
        assertThat(readerPage.asNormalizedText()).contains("You do not have the permission to roll back");
        assertThat(reader.goTo("job/deploy/1/").asNormalizedText()).contains("DEPLOY on production: SUCCEEDED");
        assertThat(reader.goTo("job/deploy/").asNormalizedText()).contains("Latest ECS deployment");

        assertThat(aws.calls()).as("AWS calls made while rendering pages").hasSize(before);
    }

    @Test
    void liveStatusIsReadOnceForEveryoneWithinItsCacheTime() throws Exception {
        JenkinsRule.WebClient reader = client("reader");
        int before = aws.calls().size();

        JSONObject first = JSONObject.fromObject(reader.goTo("job/deploy/1/ecs-deployment/liveStatus",
                "application/json").getWebResponse().getContentAsString());
        int oneRead = aws.calls().size() - before;
        JSONObject second = JSONObject.fromObject(client("oncall")
                .goTo("job/deploy/1/ecs-deployment/liveStatus", "application/json").getWebResponse()
                .getContentAsString());

        assertThat(first.getString("status")).isEqualTo("ok");
        assertThat(first.getJSONObject("data").getInt("blue")).isZero();
        assertThat(first.getJSONObject("data").getInt("green")).isEqualTo(100);
        assertThat(first.getJSONObject("data").getJSONArray("slots").size()).isEqualTo(2);
        assertThat(oneRead).isPositive();
        assertThat(aws.calls()).as("the second look within 10 s reads nothing").hasSize(before + oneRead);
        // Only those who may roll back learn whether the button would act; here it would.
        assertThat(first.getJSONObject("data").getBoolean("mayRollBack")).isFalse();
        assertThat(first.getJSONObject("data").has("rollbackRefusal")).isFalse();
        assertThat(second.getJSONObject("data").getBoolean("mayRollBack")).isTrue();
        assertThat(second.getJSONObject("data").getString("rollbackRefusal")).isEmpty();
    }

    @Test
    void theDeploymentPageOfAFailedDeploymentRenders() throws Exception {
        aws.slotUnhealthy(FakeAws.BLUE_TARGET_GROUP, true);
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy imageTag: 'v9.9.9', readinessTimeout: '3s'", true));
        r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));

        JenkinsRule.WebClient wc = client("oncall");
        String text = wc.goTo("job/deploy/2/ecs-deployment/").asNormalizedText();
        assertThat(text).contains("FAILED");
        assertThat(wc.goTo("job/deploy/2/").asNormalizedText()).contains("DEPLOY on production: FAILED");
    }

    /**
     * A logged-in browser without JavaScript: these tests are about what the server renders and accepts, and the
     * page's own script (liveStatus) is called directly where it matters.
     */
    private JenkinsRule.WebClient client(String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.setJavaScriptEnabled(false);
        return wc.login(user);
    }

    private static int post(JenkinsRule.WebClient wc) throws Exception {
        return post(wc, 1);
    }

    private static int post(JenkinsRule.WebClient wc, int build) throws Exception {
        WebRequest request = new WebRequest(wc.createCrumbedUrl("job/deploy/" + build + "/ecs-deployment/rollback"),
                HttpMethod.POST);
        try {
            return wc.getPage(request).getWebResponse().getStatusCode();
        } catch (FailingHttpStatusCodeException e) {
            return e.getStatusCode();
        }
    }

    /**
     * Waits for the record the button's background rollback updates. It runs outside any build, so the harness's
     * waits for builds do not see it: this polls the condition, bounded so a hang fails the test.
     */
    private static void waitUntilFinished(DeploymentEntry entry) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (entry.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(entry.isRunning()).as("rollback still running").isFalse();
    }
}
