package io.jenkins.plugins.ecsdeploy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Environments deployed by a CodeDeploy deployment group: what is valid, and every problem named with its fix. */
class CodeDeployConfigTest {

    private static final String CODE_DEPLOY = "container: web\ncodeDeploy:\n"
            + "  application: shop\n"
            + "  deploymentGroup: shop-production\n"
            + "  containerPort: 8080\n";

    @Test
    void anApplicationGroupAndPortAreEnoughAndMakeTheEnvironmentManagedByAws() {
        assertThat(problems(CODE_DEPLOY)).isEmpty();
        assertThat(problems(CODE_DEPLOY + "  deploymentConfig: CodeDeployDefault.ECSLinear10PercentEvery3Minutes\n"
                + "  hooks:\n    BeforeAllowTraffic: shop-smoke\n"
                + "    AfterAllowTraffic: 'arn:aws:lambda:us-east-1:123456789012:function:shop-check:live'\n"))
                .isEmpty();
        EnvironmentConfig c = ConfigLoader.parse(base() + CODE_DEPLOY, "x");
        assertThat(c.managedByAws()).isTrue();
        assertThat(c.managedKind()).isEqualTo("CodeDeploy");
        assertThat(c.codeDeploy().hooks()).isEmpty();
    }

    @Test
    void theExampleFileIsValid() {
        EnvironmentConfig example = ConfigLoader.load(Path.of("../examples/codedeploy-environment.yaml"));

        assertThat(ConfigValidator.validate(example)).isEmpty();
        assertThat(example.codeDeploy().deploymentGroup()).isEqualTo("shop-production");
    }

    @Test
    void whatTheDeploymentGroupSaysIsNotRepeated() {
        assertThat(problems(CODE_DEPLOY + "cluster: prod\nlistener: {loadBalancer: web-alb, port: 443}\n"
                + "slots:\n  blue: {service: a, targetGroup: a}\n  green: {service: b, targetGroup: b}\n"))
                .anySatisfy(p -> assertThat(p).startsWith("cluster:").contains("read from the deployment group"))
                .anySatisfy(p -> assertThat(p).startsWith("listener:").contains("remove listener"))
                .anySatisfy(p -> assertThat(p).startsWith("slots:"));
    }

    @Test
    void everyCodeDeployFieldIsCheckedAndNamed() {
        List<String> found = problems("codeDeploy:\n  deploymentConfig: '" + "x".repeat(101) + "'\n"
                + "  containerPort: 70000\n  hooks:\n    BeforeTraffic: f\n    AfterInstall: 'no such function!'\n");

        assertThat(found).anySatisfy(p -> assertThat(p).startsWith("container:").contains("missing"))
                .anySatisfy(p -> assertThat(p).startsWith("codeDeploy.application:").contains("missing"))
                .anySatisfy(p -> assertThat(p).startsWith("codeDeploy.deploymentGroup:").contains("missing"))
                .anySatisfy(p -> assertThat(p).startsWith("codeDeploy.deploymentConfig:").contains("100"))
                .anySatisfy(p -> assertThat(p).startsWith("codeDeploy.containerPort:").contains("1 to 65535"))
                .anySatisfy(p -> assertThat(p).startsWith("codeDeploy.hooks:").contains("'BeforeTraffic'")
                        .contains("BeforeAllowTraffic"))
                .anySatisfy(p -> assertThat(p).startsWith("codeDeploy.hooks.AfterInstall:")
                        .contains("not a Lambda function name or ARN"));
        assertThat(problems("container: web\ncodeDeploy:\n  application: a\n  deploymentGroup: g\n"))
                .singleElement().satisfies(p -> assertThat(p).startsWith("codeDeploy.containerPort:")
                        .contains("missing"));
    }

    private static String base() {
        return "name: shop\nregion: us-east-1\n";
    }

    private static List<String> problems(String yaml) {
        return ConfigValidator.validate(ConfigLoader.parse(base() + yaml, "x")).stream().map(ConfigProblem::toString)
                .toList();
    }
}
