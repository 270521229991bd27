package io.jenkins.plugins.ecsdeploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EcsDeploymentGlobalConfiguration;
import org.junit.jupiter.api.Test;

/** Environments as Configuration as Code: imported under {@code unclassified.ecsDeployment}, and exported back. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void environmentsImportAndExport(JenkinsConfiguredWithCodeRule r) throws Exception {
        DeploymentEnvironment env = EcsDeploymentGlobalConfiguration.get().getEnvironments().get(0);
        assertThat(env.getName()).isEqualTo("production");
        assertThat(env.isDefaultEnvironment()).isTrue();
        assertThat(env.getRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/ecs-deployer");
        assertThat(env.allowedFolderNames()).containsExactly("payments");
        assertThat(env.getSmokeChecks()).hasSize(1);
        assertThat(env.toConfig().analysis().maxP50Millis()).isEqualTo(300.0);
        assertThat(env.toConfig().analysis().warn()).containsEntry("p99", 600.0);
        DeploymentEnvironment dns = EcsDeploymentGlobalConfiguration.get().getEnvironments().get(1);
        assertThat(dns.toConfig().steeredByDns()).isTrue();
        assertThat(dns.toConfig().route53().recordName()).isEqualTo("api.example.com");

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("ecsDeployment");
        String yaml = Util.toYamlString(exported);

        assertThat(yaml).contains("name: \"production\"").contains("credentialsId: \"aws-deploy\"")
                .contains("allowedFolders: \"payments\"").contains("url: \"https://test.example.com/health\"")
                .contains("maxP50Millis: \"300\"").contains("kindYaml:").contains("api.example.com");
    }
}
