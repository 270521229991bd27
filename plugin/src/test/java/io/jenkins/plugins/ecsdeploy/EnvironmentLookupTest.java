package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.AbortException;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentFolderProperty;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import io.jenkins.plugins.ecsdeploy.environment.EnvironmentLookup;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Which environment a step gets: nearest folder wins by name; without a name, the only one or the default. */
@WithJenkins
class EnvironmentLookupTest {

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        r = rule;
    }

    @Test
    void aFolderEnvironmentShadowsTheGlobalOneOfTheSameName() throws Exception {
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env("production", "eu-west-1", false)));
        Folder team = r.createProject(Folder.class, "team");
        EcsDeploymentFolderProperty property = new EcsDeploymentFolderProperty();
        property.setEnvironments(List.of(env("production", "us-east-2", false)));
        team.addProperty(property);
        WorkflowJob inside = team.createProject(WorkflowJob.class, "deploy");
        WorkflowJob outside = r.createProject(WorkflowJob.class, "other");

        assertThat(EnvironmentLookup.find(inside, "production").getRegion()).isEqualTo("us-east-2");
        assertThat(EnvironmentLookup.find(outside, "production").getRegion()).isEqualTo("eu-west-1");
        // The only visible name is used when a step names none.
        assertThat(EnvironmentLookup.find(inside, null).getRegion()).isEqualTo("us-east-2");
    }

    @Test
    void withSeveralEnvironmentsTheDefaultIsUsedOrTheStepMustName() throws Exception {
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(
                env("staging", "eu-west-1", false), env("production", "eu-west-1", false)));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");

        assertThatThrownBy(() -> EnvironmentLookup.find(job, null))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("staging, production")
                .hasMessageContaining("environment: 'NAME'");

        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(
                env("staging", "eu-west-1", false), env("production", "eu-central-1", true)));
        assertThat(EnvironmentLookup.find(job, null).getName()).isEqualTo("production");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() throws Exception {
        EcsDeploymentGlobalConfiguration.get().setEnvironments(List.of(env("production", "eu-west-1", false)));
        WorkflowJob job = r.createProject(WorkflowJob.class, "deploy");

        assertThatThrownBy(() -> EnvironmentLookup.find(job, "prod"))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'prod'")
                .hasMessageContaining("Known: production");
    }

    private static DeploymentEnvironment env(String name, String region, boolean isDefault) {
        DeploymentEnvironment e = new DeploymentEnvironment(name);
        e.setRegion(region);
        e.setDefaultEnvironment(isDefault);
        return e;
    }
}
