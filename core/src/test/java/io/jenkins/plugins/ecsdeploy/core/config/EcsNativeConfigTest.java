package io.jenkins.plugins.ecsdeploy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Environments deployed by an ECS-native strategy: what is valid, and every problem named with its fix. */
class EcsNativeConfigTest {

    private static final String BASE = "name: shop\nregion: eu-west-1\ncluster: shop\ncontainer: app\n";

    private static List<String> problems(String yaml) {
        return ConfigValidator.validate(ConfigLoader.parse(BASE + yaml, "x")).stream().map(ConfigProblem::toString)
                .toList();
    }

    @Test
    void aServiceAloneIsEnoughAndTheSettingsAreOptional() {
        assertThat(problems("ecsNative: {service: shop-web}\n")).isEmpty();
        EnvironmentConfig c = ConfigLoader.parse(BASE + "ecsNative:\n  service: shop-web\n  strategy: LINEAR\n"
                + "  linearConfiguration: {stepPercent: 20, stepBakeTimeInMinutes: 3}\n", "x");
        assertThat(ConfigValidator.validate(c)).isEmpty();
        assertThat(c.managedByAws()).isTrue();
        assertThat(c.managedKind()).isEqualTo("Amazon ECS");
        assertThat(c.ecsNative().setsDeploymentConfiguration()).isTrue();
        assertThat(c.ecsNative().linearConfiguration().stepPercent()).isEqualTo(20.0);
        assertThat(new EcsNativeConfig("shop-web", null, null, null, null, null).setsDeploymentConfiguration())
                .isFalse();
    }

    @Test
    void theExampleFileIsValid() {
        EnvironmentConfig example = ConfigLoader.load(Path.of("../examples/ecs-native-environment.yaml"));
        assertThat(ConfigValidator.validate(example)).isEmpty();
        assertThat(example.ecsNative().strategy()).isEqualTo("CANARY");
        assertThat(example.ecsNative().approvalHook()).isEqualTo("ecs-deploy-approval");
    }

    @Test
    void aRollingStrategyIsRefusedWithWhatToUseInstead() {
        assertThat(problems("ecsNative: {service: shop-web, strategy: ROLLING}\n")).containsExactly(
                "ecsNative.strategy: ROLLING is not run as a blue/green deployment: use BLUE_GREEN, CANARY or LINEAR,"
                        + " or describe the environment with two services (slots, listener) instead of ecsNative");
    }

    @Test
    void everySettingIsCheckedAgainstEcsLimitsAndItsStrategy() {
        assertThat(problems("ecsNative:\n  service: 'shop web'\n  strategy: BLUE_GREEN\n  bakeTimeInMinutes: 1441\n"
                + "  canaryConfiguration: {canaryPercent: 0, canaryBakeTimeInMinutes: -1}\n"
                + "  linearConfiguration: {stepPercent: 2}\n  approvalHook: 'not a function'\n"))
                .containsExactlyInAnyOrder(
                        "ecsNative.canaryConfiguration: given with strategy BLUE_GREEN: it applies to CANARY only;"
                                + " remove it or set strategy CANARY",
                        "ecsNative.linearConfiguration: given with strategy BLUE_GREEN: it applies to LINEAR only;"
                                + " remove it or set strategy LINEAR",
                        "ecsNative.bakeTimeInMinutes: 1441 is outside ECS's range: use 0 to 1440 minutes",
                        "ecsNative.canaryConfiguration.canaryPercent: 0.0 is outside ECS's range: use 0.1 to 100",
                        "ecsNative.canaryConfiguration.canaryBakeTimeInMinutes: -1 is outside ECS's range: use 0 to"
                                + " 1440 minutes",
                        "ecsNative.linearConfiguration.stepPercent: 2.0 is outside ECS's range: use 3.0 to 100",
                        "ecsNative.approvalHook: 'not a function' is not a Lambda function name or ARN: write it like"
                                + " ecs-deploy-approval or"
                                + " arn:aws:lambda:eu-west-1:123456789012:function:ecs-deploy-approval",
                        "ecsNative.service: 'shop web' is not a service name: use up to 255 letters, digits, '_' or"
                                + " '-', or the service's ARN");
    }

    @Test
    void settingsWithoutAStrategyAndWhatIsReadFromTheServiceAreRefused() {
        assertThat(problems("ecsNative:\n  service: shop-web\n  canaryConfiguration: {canaryPercent: 10}\n"
                + "listener: {arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/1/2'}\n"
                + "slots:\n  blue: {service: a, targetGroup: a}\n  green: {service: b, targetGroup: b}\n"))
                .containsExactlyInAnyOrder(
                        "ecsNative.strategy: missing while canaryConfiguration or linearConfiguration is given: set"
                                + " strategy to CANARY or LINEAR as well",
                        "slots: given together with ecsNative: the target groups and listener rules are read from"
                                + " the service's loadBalancers[].advancedConfiguration; remove slots",
                        "listener: given together with ecsNative: the target groups and listener rules are read from"
                                + " the service's loadBalancers[].advancedConfiguration; remove listener");
        assertThat(problems("ecsNative: {strategy: CANARY}\n")).containsExactly(
                "ecsNative.service: missing: set the ECS service's name or ARN");
    }
}
