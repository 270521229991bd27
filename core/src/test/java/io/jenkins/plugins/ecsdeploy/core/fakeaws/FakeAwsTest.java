package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.sts.StsClient;

class FakeAwsTest {

    @Test
    void servesAllThreeServicesOnOneLocalEndpoint() {
        try (FakeAws aws = FakeAws.startStandard();
                ElasticLoadBalancingV2Client elb = SdkClients.elb(aws);
                EcsClient ecs = SdkClients.ecs(aws);
                CloudWatchClient cloudWatch = SdkClients.cloudWatch(aws)) {
            assertThat(aws.endpoint()).isEqualTo("http://127.0.0.1:" + aws.server().port());

            elb.describeTargetGroups(r -> r.loadBalancerArn(LOAD_BALANCER_ARN));
            ecs.describeClusters(r -> r.clusters(CLUSTER));
            cloudWatch.describeAlarms(r -> r.alarmNames("none"));

            assertThat(aws.calls()).extracting(Call::service, Call::action).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("elbv2", "DescribeTargetGroups"),
                    org.assertj.core.groups.Tuple.tuple("ecs", "DescribeClusters"),
                    org.assertj.core.groups.Tuple.tuple("cloudwatch", "DescribeAlarms"));
            assertThat(aws.calls("DescribeClusters").get(0).json().path("clusters").get(0).asText())
                    .isEqualTo(CLUSTER);
            assertThat(aws.server().getAllServeEvents()).hasSize(3);
        }
    }

    @Test
    void requestsForOtherServicesAreRefusedAndRecorded() {
        try (FakeAws aws = FakeAws.startStandard();
                StsClient sts = StsClient.builder().endpointOverride(URI.create(aws.endpoint()))
                        .region(Region.US_EAST_1).credentialsProvider(SdkClients.credentials())
                        .overrideConfiguration(SdkClients.config(SdkClients.ATTEMPT_TIMEOUT)).build()) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOf(SdkException.class);
            assertThat(aws.calls()).first().satisfies(call -> {
                assertThat(call.service()).isEqualTo("unknown");
                assertThat(call.action()).isEqualTo("GetCallerIdentity");
            });
        }
    }

    @Test
    void malformedRequestsFailLoudlyWithoutChangingState() throws Exception {
        try (FakeAws aws = FakeAws.startStandard()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=ModifyListener&Version=2015-12-01&ListenerArn="
                            + URLEncoder.encode(LISTENER_ARN, StandardCharsets.UTF_8) + "&Port=https"))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>FakeAwsCannotHandle</Code>").contains("ModifyListener");
            assertThat(aws.<Integer>read(s -> s.listeners.get(LISTENER_ARN).port)).isEqualTo(443);
        }
    }

    @Test
    void emptyFakeHasNoResourcesAndEditShapesTheEnvironment() {
        try (FakeAws aws = FakeAws.builder().empty().start();
                ElasticLoadBalancingV2Client elb = SdkClients.elb(aws);
                EcsClient ecs = SdkClients.ecs(aws)) {
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
            assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).failures()).singleElement()
                    .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        }
        try (FakeAws aws = FakeAws.startStandard(); ElasticLoadBalancingV2Client elb = SdkClients.elb(aws)) {
            aws.edit(s -> s.listeners.remove(TEST_LISTENER_ARN));
            assertThat(elb.describeListeners(r -> r.loadBalancerArn(LOAD_BALANCER_ARN)).listeners())
                    .extracting(Listener::listenerArn).containsExactly(LISTENER_ARN);
        }
    }

    @Test
    void timesComeFromTheGivenClock() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        try (FakeAws aws = FakeAws.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).start();
                EcsClient ecs = SdkClients.ecs(aws)) {
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(TASK_DEFINITION_ARN)).taskDefinition()
                    .registeredAt()).isEqualTo(now);
            ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).forceNewDeployment(true));
            assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services(GREEN_SERVICE)).services().get(0)
                    .deployments().get(0).createdAt()).isEqualTo(now);
        }
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> FakeAws.builder().rolloutSteps(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rolloutSteps must be at least 1");
        assertThatThrownBy(() -> FakeAws.builder().healthyAfterPolls(-1))
                .hasMessageContaining("healthyAfterPolls must be at least 0");
    }
}
