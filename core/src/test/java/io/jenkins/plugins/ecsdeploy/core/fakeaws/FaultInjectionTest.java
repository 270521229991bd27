package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

class FaultInjectionTest {

    private final FakeAws aws = FakeAws.startStandard();
    private final ElasticLoadBalancingV2Client elb = SdkClients.elb(aws);
    private final EcsClient ecs = SdkClients.ecs(aws);
    private final CloudWatchClient cloudWatch = SdkClients.cloudWatch(aws);

    @AfterEach
    void stop() {
        elb.close();
        ecs.close();
        cloudWatch.close();
        aws.close();
    }

    private void modifyListener(int blue, int green) {
        elb.modifyListener(r -> r.listenerArn(LISTENER_ARN).defaultActions(FakeElbTest.weighted(blue, green)));
    }

    private List<Fault> faultsSeen(String action) {
        return aws.calls(action).stream().map(Call::fault).toList();
    }

    private static String code(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }

    @ParameterizedTest
    @EnumSource(names = {"HTTP_500", "HTTP_503", "THROTTLING", "TOO_MANY_REQUESTS", "CONNECTION_RESET"})
    void transientFaultsInjectedOnceAreRetriedByTheSdkOnEveryService(Fault fault) {
        aws.inject("ModifyListener", fault, 1);
        aws.inject("DescribeServices", fault, 1);
        aws.inject("DescribeAlarms", fault, 1);

        modifyListener(50, 50);
        assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services(BLUE_SERVICE)).services()).hasSize(1);
        aws.alarm("web-5xx", "OK");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("web-5xx")).metricAlarms()).hasSize(1);

        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(50, 50));
        assertThat(faultsSeen("ModifyListener")).containsExactly(fault, null);
        assertThat(faultsSeen("DescribeServices")).containsExactly(fault, null);
        assertThat(faultsSeen("DescribeAlarms")).containsExactly(fault, null);
    }

    @Test
    void throttlingThatOutlastsTheRetriesSurfacesWithEachServicesCode() {
        aws.injectAlways("DescribeListeners", Fault.THROTTLING);
        aws.injectAlways("DescribeServices", Fault.THROTTLING);
        aws.injectAlways("GetMetricData", Fault.THROTTLING);

        assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(LISTENER_ARN)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Throttling"));
        assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster(CLUSTER).services(BLUE_SERVICE)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ThrottlingException"));
        assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(java.time.Instant.EPOCH)
                .endTime(java.time.Instant.EPOCH.plusSeconds(60))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Throttling"));
        assertThat(aws.calls("DescribeListeners")).hasSize(3);

        aws.clearFaults();
        assertThat(elb.describeListeners(r -> r.listenerArns(LISTENER_ARN)).listeners()).hasSize(1);
    }

    @Test
    void serverErrorsThatOutlastTheRetriesKeepTheirStatus() {
        aws.injectAlways("DescribeRules", Fault.HTTP_503);
        aws.injectAlways("DescribeTaskDefinition", Fault.TOO_MANY_REQUESTS);
        aws.injectAlways("UpdateService", Fault.HTTP_500);

        assertThatThrownBy(() -> elb.describeRules(r -> r.listenerArn(LISTENER_ARN)))
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(503));
        assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")))
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(429));
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).desiredCount(2)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("ServerException"));
        assertThat(aws.service(GREEN_SERVICE).desiredCount()).isZero();
    }

    @Test
    void accessDeniedIsNotRetriedAndNamesThePermission() {
        aws.inject("ModifyListener", Fault.ACCESS_DENIED, 1);
        aws.inject("UpdateService", Fault.ACCESS_DENIED, 1);
        aws.inject("DescribeAlarms", Fault.ACCESS_DENIED, 1);

        assertThatThrownBy(() -> modifyListener(0, 100)).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> {
                    assertThat(code(e)).isEqualTo("AccessDenied");
                    assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403);
                })
                .hasMessageContaining("elasticloadbalancing:ModifyListener");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).desiredCount(2)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> cloudWatch.describeAlarms(r -> r.alarmNames("a")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("AccessDenied"));
        assertThat(aws.calls("ModifyListener")).hasSize(1);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(aws.service(GREEN_SERVICE).desiredCount()).isZero();
    }

    @Test
    void connectionResetLeavesTheStateUnchanged() {
        aws.inject("ModifyListener", Fault.CONNECTION_RESET, 3);

        assertThatThrownBy(() -> modifyListener(0, 100)).isInstanceOf(SdkClientException.class);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
    }

    @Test
    void lostReplyAppliedTheWrite() {
        aws.inject("ModifyListener", Fault.REPLY_LOST, 3);

        assertThatThrownBy(() -> modifyListener(0, 100)).isInstanceOf(SdkClientException.class);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(faultsSeen("ModifyListener")).containsExactly(Fault.REPLY_LOST, Fault.REPLY_LOST, Fault.REPLY_LOST);
    }

    @Test
    void lostReplyToANonIdempotentWriteIsRepeatedByTheRetry() {
        aws.inject("RegisterTaskDefinition", Fault.REPLY_LOST, 1);

        String arn = ecs.registerTaskDefinition(r -> r.family("web")
                .containerDefinitions(c -> c.name("app").image("web:v2"))).taskDefinition().taskDefinitionArn();

        assertThat(arn).endsWith("task-definition/web:3");
        assertThat(aws.taskDefinition("web:2").path("containerDefinitions").get(0).path("image").asText())
                .isEqualTo("web:v2");
    }

    @Test
    void readTimeoutIsRetriedAfterTheAttemptTimesOutAndTheSlowCallStillTookEffect() {
        aws.readTimeoutDelay(Duration.ofSeconds(2));
        aws.inject("UpdateService", Fault.READ_TIMEOUT, 1);

        try (EcsClient impatient = SdkClients.ecs(aws, Duration.ofMillis(700))) {
            impatient.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).desiredCount(2));
        }

        assertThat(faultsSeen("UpdateService")).containsExactly(Fault.READ_TIMEOUT, null);
        assertThat(aws.service(GREEN_SERVICE).desiredCount()).isEqualTo(2);
    }

    @Test
    void staleReadsShowTheStateBeforeTheLatestWriteThenCatchUp() {
        modifyListener(80, 20);
        modifyListener(60, 40);
        aws.staleReads("DescribeListeners", 1);
        aws.staleReads("DescribeServices", 1);
        ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).desiredCount(2));

        assertThat(FakeElbTest.weightOf(elb, GREEN_TARGET_GROUP_ARN)).isEqualTo(20);
        assertThat(FakeElbTest.weightOf(elb, GREEN_TARGET_GROUP_ARN)).isEqualTo(40);
        assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services(GREEN_SERVICE)).services().get(0)
                .desiredCount()).isZero();
        assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services(GREEN_SERVICE)).services().get(0)
                .desiredCount()).isEqualTo(2);
    }

    @Test
    void aFakeWithoutStaleReadsWritesAsItDoesButRefusesToServeThem() {
        try (FakeAws lean = FakeAws.builder().withoutStaleReads().start();
                ElasticLoadBalancingV2Client leanElb = SdkClients.elb(lean)) {
            leanElb.modifyListener(r -> r.listenerArn(LISTENER_ARN).defaultActions(FakeElbTest.weighted(60, 40)));

            assertThat(lean.listenerSplit()).isEqualTo(new TrafficSplit(60, 40));
            assertThatThrownBy(() -> lean.staleReads("DescribeListeners", 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("withoutStaleReads()")
                    .hasMessageContaining("DescribeListeners");
            assertThat(FakeElbTest.weightOf(leanElb, GREEN_TARGET_GROUP_ARN)).isEqualTo(40);
        }
    }

    @Test
    void ignoredWritesAreAcceptedButChangeNothingUntilCleared() {
        aws.ignoreWrites("ModifyListener");

        modifyListener(0, 100);
        assertThat(FakeElbTest.weightOf(elb, GREEN_TARGET_GROUP_ARN)).isZero();
        assertThat(aws.calls("ModifyListener")).hasSize(1);

        aws.clearFaults();
        modifyListener(0, 100);
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
    }

    @Test
    void faultsForOneActionAreUsedInOrderAndTheWildcardMatchesAnyCall() {
        aws.inject("DescribeListeners", Fault.THROTTLING, 1);
        aws.inject("DescribeListeners", Fault.HTTP_500, 1);
        elb.describeListeners(r -> r.listenerArns(LISTENER_ARN));
        aws.inject("*", Fault.HTTP_503, 1);
        ecs.describeClusters(r -> r.clusters(CLUSTER));

        assertThat(faultsSeen("DescribeListeners")).containsExactly(Fault.THROTTLING, Fault.HTTP_500, null);
        assertThat(faultsSeen("DescribeClusters")).containsExactly(Fault.HTTP_503, null);
        assertThat(aws.calls()).extracting(Call::service).containsExactly("elbv2", "elbv2", "elbv2", "ecs", "ecs");
    }

    @Test
    void refusesFaultsThatCannotApply() {
        assertThatThrownBy(() -> aws.inject("ModifyRule", Fault.STALE_READ, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ignoreWrites");
        assertThatThrownBy(() -> aws.ignoreWrites("DescribeRules"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a write");
        assertThatThrownBy(() -> aws.inject("DescribeRules", Fault.HTTP_500, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
