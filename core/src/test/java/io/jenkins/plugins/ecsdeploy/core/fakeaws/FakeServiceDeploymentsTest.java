package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/** The fake's ECS-native service deployments, through the real SDK ECS client, on a simulated clock. */
class FakeServiceDeploymentsTest {

    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final FakeAws aws = FakeAws.builder().clock(new SimulatedClock(() -> now)).start();
    private final EcsClient ecs = SdkClients.ecs(aws);

    @AfterEach
    void stop() {
        ecs.close();
        aws.close();
    }

    private String newRevision() {
        return ecs.registerTaskDefinition(b -> b.family("web").containerDefinitions(c -> c.name("app")
                .image("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2"))).taskDefinition().taskDefinitionArn();
    }

    private String deploy(String strategy) {
        return deploy(strategy, s -> { });
    }

    /** Seeds the service with {@code strategy}, changed by {@code change}, and updates it to a new revision. */
    private String deploy(String strategy, Consumer<FakeAwsState> change) {
        aws.edit(s -> {
            EcsNativeSeed.seed(s, strategy);
            change.accept(s);
        });
        String td = newRevision();
        ecs.updateService(b -> b.cluster("prod").service(SERVICE).taskDefinition(td));
        return ecs.listServiceDeployments(b -> b.cluster("prod").service(SERVICE)).serviceDeployments().get(0)
                .serviceDeploymentArn();
    }

    private ServiceDeployment describe(String arn) {
        return ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments().get(0);
    }

    private TrafficSplit production() {
        return aws.ruleSplit(PRODUCTION_RULE_ARN, BLUE_TARGET_GROUP_ARN, GREEN_TARGET_GROUP_ARN);
    }

    /** Advances the clock by {@code seconds} at a time, noting the stage and production split after each read. */
    private List<String> follow(String arn, int seconds, int reads) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            now = now.plusSeconds(seconds);
            ServiceDeployment d = describe(arn);
            String entry = d.statusAsString() + " " + d.lifecycleStageAsString() + " " + production();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(entry)) {
                seen.add(entry);
            }
        }
        return seen;
    }

    @Test
    void blueGreenWalksEveryStageAndMovesAllTrafficAtOnce() {
        String arn = deploy("BLUE_GREEN");
        ServiceDeployment started = describe(arn);
        assertThat(started.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(started.lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.RECONCILE_SERVICE);
        assertThat(started.deploymentConfiguration().strategy()).isEqualTo(DeploymentStrategy.BLUE_GREEN);
        assertThat(started.targetServiceRevision().arn()).isNotEqualTo(started.sourceServiceRevisions().get(0).arn());

        List<String> seen = follow(arn, 30, 30);

        assertThat(seen).containsExactly(
                "IN_PROGRESS PRE_SCALE_UP blue=100%, green=0%",
                "IN_PROGRESS SCALE_UP blue=100%, green=0%",
                "IN_PROGRESS POST_SCALE_UP blue=100%, green=0%",
                "IN_PROGRESS TEST_TRAFFIC_SHIFT blue=100%, green=0%",
                "IN_PROGRESS POST_TEST_TRAFFIC_SHIFT blue=100%, green=0%",
                "IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT blue=0%, green=100%",
                "IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT blue=0%, green=100%",
                "IN_PROGRESS BAKE_TIME blue=0%, green=100%",
                "IN_PROGRESS CLEAN_UP blue=0%, green=100%",
                "SUCCESSFUL CLEAN_UP blue=0%, green=100%");
        assertThat(aws.ruleSplit(TEST_RULE_ARN, BLUE_TARGET_GROUP_ARN, GREEN_TARGET_GROUP_ARN))
                .isEqualTo(new TrafficSplit(0, 100));
        assertThat(aws.service(SERVICE).taskDefinitionArn()).endsWith("web:2");
        assertThat(aws.service(SERVICE).runningCount()).isEqualTo(2);
        ServiceDeployment done = describe(arn);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.targetServiceRevision().requestedProductionTrafficWeight()).isEqualTo(100.0);
    }

    @Test
    void canaryHoldsItsPercentForTheCanaryBake() {
        String arn = deploy("CANARY");
        now = now.plusSeconds(6 * 30);
        assertThat(describe(arn).lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
        assertThat(production()).isEqualTo(new TrafficSplit(90, 10));
        now = now.plus(Duration.ofMinutes(5)).minusSeconds(1);
        describe(arn);
        assertThat(production()).isEqualTo(new TrafficSplit(90, 10));
        now = now.plusSeconds(1);
        describe(arn);
        assertThat(production()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void linearMovesInStepsAfterEachStepBake() {
        String arn = deploy("LINEAR");
        List<String> seen = follow(arn, 60, 20);
        assertThat(seen.stream().filter(e -> e.contains("PRODUCTION_TRAFFIC_SHIFT ")).toList()).containsExactly(
                "IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT blue=75%, green=25%",
                "IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT blue=50%, green=50%",
                "IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT blue=25%, green=75%",
                "IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT blue=0%, green=100%");
    }

    @Test
    void aDeploymentAlarmRollsBackAndTrafficReturnsAtOnce() {
        String arn = deploy("CANARY");
        now = now.plusSeconds(6 * 30);
        describe(arn);
        assertThat(production()).isEqualTo(new TrafficSplit(90, 10));
        aws.alarm(ALARM, "ALARM");

        ServiceDeployment rolling = describe(arn);
        assertThat(rolling.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
        assertThat(rolling.rollback().reason()).contains(ALARM);
        assertThat(rolling.alarms().triggeredAlarmNames()).containsExactly(ALARM);
        assertThat(production()).isEqualTo(new TrafficSplit(100, 0));
        now = now.plusSeconds(30);
        assertThat(describe(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(aws.service(SERVICE).taskDefinitionArn()).endsWith("web:1");
        boolean allBlue = aws.read(s -> s.service(SERVICE).tasks.stream()
                .allMatch(t -> BLUE_TARGET_GROUP_ARN.equals(t.targetGroupArn)));
        assertThat(allBlue).isTrue();
    }

    @Test
    void stopWithRollbackReturnsTrafficAndCannotBeRepeatedOnceOver() {
        String arn = deploy("LINEAR");
        now = now.plusSeconds(6 * 30);
        describe(arn);
        assertThat(production()).isEqualTo(new TrafficSplit(75, 25));

        ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn).stopType(StopServiceDeploymentStopType.ROLLBACK));

        assertThat(describe(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
        assertThat(production()).isEqualTo(new TrafficSplit(100, 0));
        now = now.plusSeconds(30);
        assertThat(describe(arn).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(arn)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void theNextDeploymentGoesToTheOtherTargetGroup() {
        String first = deploy("BLUE_GREEN");
        follow(first, 60, 20);
        assertThat(production()).isEqualTo(new TrafficSplit(0, 100));
        String td = newRevision();
        ecs.updateService(b -> b.cluster("prod").service(SERVICE).taskDefinition(td));
        String second = ecs.listServiceDeployments(b -> b.cluster("prod").service(SERVICE)).serviceDeployments()
                .get(0).serviceDeploymentArn();
        assertThat(second).isNotEqualTo(first);
        follow(second, 60, 20);
        assertThat(production()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(describe(second).sourceServiceRevisions().get(0).arn())
                .isEqualTo(describe(first).targetServiceRevision().arn());
    }

    @Test
    void refusesASecondDeploymentWhileOneRunsAndAStrategyWithoutAnAlternateTargetGroup() {
        deploy("BLUE_GREEN");
        String td = newRevision();
        assertThatThrownBy(() -> ecs.updateService(b -> b.cluster("prod").service(SERVICE).taskDefinition(td)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("in progress");
        assertThatThrownBy(() -> ecs.updateService(b -> b.cluster("prod").service(FakeAws.BLUE_SERVICE)
                .deploymentConfiguration(c -> c.strategy(DeploymentStrategy.CANARY))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("alternateTargetGroupArn");
    }

    @Test
    void theApprovalHookHoldsTheTestTrafficPointUntilTheTagApprovesThisDeployment() {
        String arn = deploy("BLUE_GREEN", s -> EcsNativeSeed.approvalHook(s, 60));

        follow(arn, 60, 30);
        assertThat(describe(arn).lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT);
        assertThat(production()).isEqualTo(new TrafficSplit(100, 0));
        ecs.tagResource(b -> b.resourceArn(SERVICE_ARN).tags(t -> t.key("ecs-deploy:approval")
                .value("arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web-native/old:approved")));
        follow(arn, 60, 2);
        assertThat(describe(arn).lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT);

        ecs.tagResource(b -> b.resourceArn(SERVICE_ARN).tags(t -> t.key("ecs-deploy:approval")
                .value(arn + ":approved")));
        follow(arn, 60, 20);

        assertThat(describe(arn).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(production()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(ecs.listTagsForResource(b -> b.resourceArn(SERVICE_ARN)).tags())
                .anySatisfy(t -> assertThat(t.value()).isEqualTo(arn + ":approved"));
    }

    @Test
    void aRejectionTagMakesTheHookFailAndEcsRollsBack() {
        String arn = deploy("BLUE_GREEN", s -> EcsNativeSeed.approvalHook(s, 60));
        follow(arn, 60, 10);
        ecs.tagResource(b -> b.resourceArn(SERVICE_ARN).tags(t -> t.key("ecs-deploy:approval")
                .value(arn + ":rejected")));

        List<String> seen = follow(arn, 30, 3);

        assertThat(seen).last().asString().startsWith("ROLLBACK_SUCCESSFUL");
        assertThat(describe(arn).rollback().reason()).contains("returned FAILED at POST_TEST_TRAFFIC_SHIFT");
    }

    @Test
    void noAnswerInTimeRollsBack() {
        String arn = deploy("BLUE_GREEN", s -> EcsNativeSeed.approvalHook(s, 10));

        List<String> seen = follow(arn, 60, 20);

        assertThat(seen).last().asString().startsWith("ROLLBACK_SUCCESSFUL");
        assertThat(describe(arn).rollback().reason()).contains(APPROVAL_HOOK_ARN, "FAILED",
                "POST_TEST_TRAFFIC_SHIFT");
        int invocations = aws.read(s -> s.service(SERVICE).serviceDeployments.get(0).hookInvocations);
        assertThat(invocations).isBetween(5, 20);
    }
}
