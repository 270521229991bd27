package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.action.DeploymentEntry;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import java.util.List;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlPage;
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
 * canaryStage end to end through Jenkins: a deployment prepared without promotion, a canary stage analysed against
 * the fake's CloudWatch metrics (one interval, so the test takes the ALB's real one-minute metric delay), the step's
 * result, and a build page with one chart per metric judged, warn levels from the environment's YAML included.
 */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class CanaryPipelineTest {

    private FakeAws aws;

    @BeforeEach
    void startAws() {
        aws = FakeAws.startStandard();
        for (String slot : new String[] {FakeAws.BLUE_TARGET_GROUP, FakeAws.GREEN_TARGET_GROUP}) {
            aws.metrics().set(slot, "RequestCount", "Sum", 1000)
                    .set(slot, "HTTPCode_Target_5XX_Count", "Sum", 0)
                    .set(slot, "TargetResponseTime", "p50", 0.05)
                    .set(slot, "TargetResponseTime", "p95", 0.1)
                    .set(slot, "TargetResponseTime", "p99", 0.2)
                    .set(slot, "HealthyHostCount", "Minimum", 2)
                    .set(slot, "UnHealthyHostCount", "Maximum", 0);
        }
    }

    @AfterEach
    void stopAws() {
        aws.close();
    }

    @Test
    void aCanaryStageIsAnalysedAndShownMetricByMetric(JenkinsRule r) throws Exception {
        DeploymentEnvironment env = FakeEnvironment.install(aws, "1s");
        env.setMaxP50Millis("500");
        env.setAnalysisYaml("warn:\n  p99: 150\n");
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));
        WorkflowJob job = r.createProject(WorkflowJob.class, "canary");
        job.setDefinition(new CpsFlowDefinition("""
                def prepared = blueGreenDeploy imageTag: 'v2.0.0', promote: false
                def canary = canaryStage percent: 10, duration: '1m'
                echo "canary on ${canary.targetSlot} at ${canary.split}: ${canary.outcome}"
                """, true));

        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("canary on green at blue=90,green=10: SUCCEEDED", run);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
        DeploymentEntry canary = run.getAction(DeploymentAction.class).getLatest();
        assertThat(canary.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        StageRecord stage = canary.getRecord().getStages().get(0);
        assertThat(stage.getIntervals()).isNotEmpty();
        assertThat(stage.getIntervals().get(0).metrics()).anySatisfy(m -> {
            assertThat(m.metric()).isEqualTo("p99");
            assertThat(m.warnThreshold()).isEqualTo(150.0);
            assertThat(m.warned()).isTrue();
        });

        JenkinsRule.WebClient wc = r.createWebClient();
        wc.setJavaScriptEnabled(false);
        HtmlPage page = wc.getPage(run, DeploymentAction.URL_NAME);
        List<String> titles = page.querySelectorAll(".ecs-deploy-chart").stream()
                .map(n -> ((org.htmlunit.html.HtmlElement) n).getAttribute("data-title")).toList();
        assertThat(titles).contains("errorRate (%)", "p50 (ms)", "p99 (ms)");
        DomNode p99 = page.querySelectorAll(".ecs-deploy-chart").stream()
                .filter(n -> ((org.htmlunit.html.HtmlElement) n).getAttribute("data-title").startsWith("p99"))
                .findFirst().orElseThrow();
        assertThat(((org.htmlunit.html.HtmlElement) p99).getAttribute("data-chart")).contains("\"warn\":[150.0");
    }
}
