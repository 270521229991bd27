package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.ecsdeploy.action.DeploymentAction;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import io.jenkins.plugins.ecsdeploy.environment.SmokeCheck;
import io.jenkins.plugins.ecsdeploy.freestyle.BlueGreenDeployBuilder;
import io.jenkins.plugins.ecsdeploy.freestyle.CanaryStageBuilder;
import io.jenkins.plugins.ecsdeploy.freestyle.RollbackDeploymentBuilder;
import io.jenkins.plugins.ecsdeploy.freestyle.TrafficSwitchBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Freestyle forms survive a save through the UI, and a freestyle deployment changes AWS like the step does. */
@WithJenkins
@ExtendWith(ShortLockSettle.class)
class FreestyleBuildersTest {

    @Test
    void everyBuilderRoundTripsThroughItsForm(JenkinsRule r) throws Exception {
        BlueGreenDeployBuilder deploy = new BlueGreenDeployBuilder("v$BUILD_NUMBER");
        deploy.setEnvironment("production");
        deploy.setPromote(false);
        deploy.setBakeTime("10m");
        deploy.setReadinessTimeout("3m");
        r.assertEqualDataBoundBeans(deploy, r.configRoundtrip(deploy));

        CanaryStageBuilder canary = new CanaryStageBuilder();
        canary.setStages("5, 25, 50");
        canary.setStageDuration("5m");
        canary.setCanarySlot("green");
        r.assertEqualDataBoundBeans(canary, r.configRoundtrip(canary));

        TrafficSwitchBuilder weights = new TrafficSwitchBuilder();
        weights.setWeights("blue=90,green=10");
        r.assertEqualDataBoundBeans(weights, r.configRoundtrip(weights));

        RollbackDeploymentBuilder rollback = new RollbackDeploymentBuilder();
        rollback.setReason("errors after release");
        r.assertEqualDataBoundBeans(rollback, r.configRoundtrip(rollback));
    }

    @Test
    void globalEnvironmentsRoundTripThroughTheSystemPage(JenkinsRule r) throws Exception {
        try (FakeAws aws = FakeAws.startStandard()) {
            DeploymentEnvironment env = FakeEnvironment.environment(aws, "5m");
            env.setDefaultEnvironment(true);
            env.setAlarms("web-5xx\nweb-latency");
            env.setMaxErrorRatePercent("2.5");
            SmokeCheck check = new SmokeCheck("http://127.0.0.1:1/health");
            check.setVersionHeader("X-App-Version");
            check.setRetries("2");
            env.setSmokeChecks(List.of(check));
            EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env));

            r.configRoundtrip();

            List<DeploymentEnvironment> after = EcsDeploymentGlobalConfiguration.get().getEnvironments();
            assertThat(after).hasSize(1);
            r.assertEqualDataBoundBeans(env, after.get(0));
        }
    }

    @Test
    void aFreestyleDeploymentSwitchesTrafficAndRecordsTheBuild(JenkinsRule r) throws Exception {
        try (FakeAws aws = FakeAws.startStandard()) {
            FakeEnvironment.install(aws, "1s");
            FreeStyleProject project = r.createFreeStyleProject();
            project.getBuildersList().add(new BlueGreenDeployBuilder("v2.0.0"));
            FreeStyleBuild build = r.buildAndAssertSuccess(project);

            assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
            assertThat(build.getAction(DeploymentAction.class).getLatest().getRecord().getToImage())
                    .endsWith(":v2.0.0");
            assertThat(JenkinsRule.getLog(build)).doesNotContain(FakeEnvironment.SECRET_KEY);
        }
    }

    @Test
    void aFreestyleSwitchWithBothFormsFailsNamingThem(JenkinsRule r) throws Exception {
        try (FakeAws aws = FakeAws.startStandard()) {
            FakeEnvironment.install(aws, "1s");
            FreeStyleProject project = r.createFreeStyleProject();
            TrafficSwitchBuilder both = new TrafficSwitchBuilder();
            both.setTo("green");
            both.setWeights("blue=50,green=50");
            project.getBuildersList().add(both);
            FreeStyleBuild build = r.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));
            r.assertLogContains("not both", build);
            assertThat(aws.calls()).isEmpty();
        }
    }
}
