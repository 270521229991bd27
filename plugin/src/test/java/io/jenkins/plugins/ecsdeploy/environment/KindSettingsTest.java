package io.jenkins.plugins.ecsdeploy.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException;
import io.jenkins.plugins.ecsdeploy.core.config.SlotKind;
import org.junit.jupiter.api.Test;

/**
 * An environment of another kind than the form's own: the kind's YAML sections give the engine the configuration
 * the command line would read from the same sections, and the form keeps everything else.
 */
class KindSettingsTest {

    private static final String ROUTE53 = """
            route53:
              hostedZoneId: Z0123456789ABCDEFGHIJ
              recordName: api.example.com
              recordType: CNAME
              setIdentifiers: {blue: api-blue, green: api-green}
            slots: {kind: none}
            """;

    private static DeploymentEnvironment environment() {
        DeploymentEnvironment env = new DeploymentEnvironment("production");
        env.setRegion("eu-west-1");
        env.setBakeTime("5m");
        return env;
    }

    @Test
    void routeFiftyThreeSectionsMakeAValidDnsEnvironmentWithTheFormsOtherSettings() {
        DeploymentEnvironment env = environment();
        env.setKindYaml(ROUTE53);

        EnvironmentConfig config = env.toConfig();

        assertThat(config.steeredByDns()).isTrue();
        assertThat(config.route53().recordName()).isEqualTo("api.example.com");
        assertThat(config.slotKind()).isEqualTo(SlotKind.NONE);
        assertThat(config.listener()).isNull();
        assertThat(config.health().bakeTime()).hasMinutes(5);
        ConfigValidator.requireValid(config);
    }

    @Test
    void aCodeDeploySectionLeavesListenerAndSlotsToTheDeploymentGroup() {
        DeploymentEnvironment env = environment();
        env.setContainer("app");
        env.setKindYaml("codeDeploy: {application: web, deploymentGroup: web-dg, containerPort: 8080}\n");

        EnvironmentConfig config = env.toConfig();

        assertThat(config.managedByAws()).isTrue();
        assertThat(config.codeDeploy().deploymentGroup()).isEqualTo("web-dg");
        assertThat(config.listener()).isNull();
        assertThat(config.slots()).isNull();
        ConfigValidator.requireValid(config);
    }

    @Test
    void anEcsNativeSectionKeepsTheFormsCluster() {
        DeploymentEnvironment env = environment();
        env.setCluster("shop");
        env.setContainer("app");
        env.setKindYaml("ecsNative: {service: shop-web, strategy: CANARY}\n");

        EnvironmentConfig config = env.toConfig();

        assertThat(config.managedKind()).isEqualTo("Amazon ECS");
        assertThat(config.cluster()).isEqualTo("shop");
        assertThat(config.ecsNative().strategy()).isEqualTo("CANARY");
        assertThat(config.listener()).isNull();
        ConfigValidator.requireValid(config);
    }

    @Test
    void withoutItTheFormsOwnKindIsUnchanged() {
        DeploymentEnvironment env = environment();
        env.setListenerArn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/1/2");

        EnvironmentConfig config = env.toConfig();

        assertThat(config.steeredByDns()).isFalse();
        assertThat(config.slotKind()).isEqualTo(SlotKind.ECS);
        assertThat(config.listener().arn()).endsWith("listener/app/web/1/2");
    }

    @Test
    void aListenerInTheFormBesideRouteFiftyThreeIsRefusedByTheEnginesRule() {
        DeploymentEnvironment env = environment();
        env.setListenerArn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/web/1/2");
        env.setKindYaml(ROUTE53);

        assertThatThrownBy(() -> ConfigValidator.requireValid(env.toConfig()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("given together with route53");
    }

    @Test
    void aSectionThatBelongsInTheFormIsNamed() {
        assertThatThrownBy(() -> KindSettings.parse("analysis:\n  minRequests: 5\nhealth: {}\n" + ROUTE53))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("analysis, health do not belong here")
                .hasMessageContaining("codeDeploy, ecsNative, route53, slots");
    }

    @Test
    void aMisspeltFieldIsNamedAsTheCommandLineWould() {
        assertThatThrownBy(() -> KindSettings.parse(ROUTE53.replace("recordName", "recordNmae")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("recordNmae");
    }
}
