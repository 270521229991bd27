package io.jenkins.plugins.ecsdeploy.core.aws;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ACCESS_KEY;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.SECRET_KEY;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecs;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecsRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elbRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.jsonError;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xmlError;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.BLUE_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LB_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.RULE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.describeRules;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.forward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.noStickiness;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.rule;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.tg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** How AWS failures reach callers: retried by the SDK where that helps, then explained. */
class AwsErrorsTest {

    @RegisterExtension
    static WireMockExtension wire = AwsWire.server();

    private static final ResolvedEnvironment ENV = new ResolvedEnvironment(EcsReplies.CLUSTER_ARN, "shop-blue",
            "shop-green", BLUE_TG, GREEN_TG, LB_ARN, LISTENER_ARN, RULE_ARN, null, null);

    private AwsClients clients;

    @BeforeEach
    void connect() {
        clients = AwsClients.create(AwsWire.connection(wire));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void throttlingIsRetriedByTheSdkUntilItSucceeds() {
        wire.stubFor(elb("DescribeRules").inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(xmlError(400, ElbReplies.error("Throttling", "Rate exceeded")))
                .willSetStateTo("calm"));
        wire.stubFor(elb("DescribeRules").inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(xml(describeRules(rule(RULE_ARN, "10",
                        forward(1, noStickiness(), tg(BLUE_TG, 20), tg(GREEN_TG, 80)))))));

        TrafficSplit split = new ElbTrafficRouter(clients.elb(), ENV).currentSplit();

        assertThat(split).isEqualTo(new TrafficSplit(20, 80));
        assertThat(elbRequests(wire, "DescribeRules")).hasSize(2);
    }

    @Test
    void throttlingThatOutlastsTheRetriesSaysSo() {
        wire.stubFor(elb("DescribeRules").willReturn(xmlError(400, ElbReplies.error("Throttling",
                "Rate exceeded"))));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> new ElbTrafficRouter(clients.elb(), ENV).currentSplit());

        assertThat(failure.operation()).isEqualTo("DescribeRules");
        assertThat(failure.errorCode()).isEqualTo("Throttling");
        assertThat(failure.getMessage())
                .startsWith("AWS throttled elasticloadbalancing:DescribeRules on " + RULE_ARN)
                .contains("3 attempts");
        assertThat(elbRequests(wire, "DescribeRules")).hasSize(RetrySettings.fast().maxAttempts());
    }

    @Test
    void accessDeniedIsAnsweredOnceWithTheActionToGrant() {
        wire.stubFor(elb("DescribeRules").willReturn(xml(describeRules(rule(RULE_ARN, "10",
                forward(1, noStickiness(), tg(BLUE_TG, 100), tg(GREEN_TG, 0)))))));
        wire.stubFor(elb("ModifyRule").willReturn(xmlError(403, ElbReplies.error("AccessDenied",
                "User: arn:aws:sts::123456789012:assumed-role/deployer/ci is not authorized to perform:"
                        + " elasticloadbalancing:ModifyRule"))));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> new ElbTrafficRouter(clients.elb(), ENV).applySplit(TrafficSplit.allTo(Slot.GREEN)));

        assertThat(failure.isAccessDenied()).isTrue();
        assertThat(failure.operation()).isEqualTo("ModifyRule");
        assertThat(failure.errorCode()).isEqualTo("AccessDenied");
        assertThat(failure.getMessage())
                .startsWith("AWS denied elasticloadbalancing:ModifyRule on " + RULE_ARN
                        + ": grant it to the credentials' role.")
                .doesNotContain(ACCESS_KEY)
                .doesNotContain(SECRET_KEY);
        assertThat(elbRequests(wire, "ModifyRule")).hasSize(1);
    }

    @Test
    void noCredentialsAnywhereIsOneSentenceNamingWhereToPutThem() {
        software.amazon.awssdk.auth.credentials.AwsCredentialsProvider nowhere =
                software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain.builder()
                        .credentialsProviders(() -> {
                            throw software.amazon.awssdk.core.exception.SdkClientException.create("none here");
                        }).build();
        try (AwsClients none = AwsClients.create(new AwsConnection("eu-west-1", wire.baseUrl(), nowhere,
                RetrySettings.fast()))) {
            AwsFailure f = catchThrowableOfType(AwsFailure.class, () -> new ElbTrafficRouter(none.elb(), ENV)
                    .currentSplit());

            assertThat(f.getMessage()).startsWith("No AWS credentials for elasticloadbalancing:Describe")
                    .contains("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY").contains("--profile")
                    .doesNotContain("Provider").doesNotContain("none here");
            assertThat(f.errorCode()).isEqualTo("MissingCredentials");
        }
        assertThat(wire.getAllServeEvents()).as("nothing was sent").isEmpty();
    }

    @Test
    void anErrorWithoutCodeIsReportedByItsHttpStatus() {
        wire.stubFor(elb("DescribeRules").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(500).withBody("")));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> new ElbTrafficRouter(clients.elb(), ENV).currentSplit());

        assertThat(failure.getMessage()).contains("elasticloadbalancing:DescribeRules on " + RULE_ARN)
                .contains("HTTP 500").doesNotContain("null");
    }

    @Test
    void ecsAccessDeniedNamesTheEcsAction() {
        wire.stubFor(ecs("UpdateService").willReturn(jsonError(400, "AccessDeniedException",
                "not authorized to perform ecs:UpdateService")));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> new EcsServiceControl(clients.ecs(), ENV, "web").scale(Slot.BLUE, 3));

        assertThat(failure.isAccessDenied()).isTrue();
        assertThat(failure.getMessage())
                .startsWith("AWS denied ecs:UpdateService on service shop-blue in cluster " + EcsReplies.CLUSTER_ARN
                        + ": grant it to the credentials' role.");
        assertThat(ecsRequests(wire, "UpdateService")).hasSize(1);
    }

    @Test
    void aMissingResourceNamesTheConfigFieldToCheck() {
        wire.stubFor(ecs("UpdateService").willReturn(jsonError(400, "ServiceNotFoundException",
                "Service not found.")));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> new EcsServiceControl(clients.ecs(), ENV, "web").scale(Slot.GREEN, 2));

        assertThat(failure.isAccessDenied()).isFalse();
        assertThat(failure.errorCode()).isEqualTo("ServiceNotFoundException");
        assertThat(failure.getMessage())
                .contains("ecs:UpdateService failed: service shop-green in cluster " + EcsReplies.CLUSTER_ARN
                        + " was not found (ServiceNotFoundException)")
                .contains("check slots.green.service in the environment config");
        assertThat(ecsRequests(wire, "UpdateService")).hasSize(1);
    }

    @Test
    void rejectedCredentialsAreCalledThatWithoutShowingThem() {
        wire.stubFor(ecs("UpdateService").willReturn(jsonError(400, "UnrecognizedClientException",
                "The security token included in the request is invalid.")));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> new EcsServiceControl(clients.ecs(), ENV, "web").scale(Slot.GREEN, 2));

        assertThat(failure.getMessage()).contains("AWS rejected the credentials used for ecs:UpdateService")
                .doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY);
    }

    @Test
    void anUnreachableEndpointIsATransportFailureNamingTheCall() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AwsConnection nowhere = new AwsConnection("eu-west-1", "http://127.0.0.1:" + closedPort,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                RetrySettings.fast());

        try (AwsClients unreachable = AwsClients.create(nowhere)) {
            AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                    () -> new ElbSlotHealth(unreachable.elb(), ENV).targetHealth(Slot.BLUE));

            assertThat(failure.errorCode()).isNull();
            assertThat(failure.getMessage())
                    .startsWith("Could not complete elasticloadbalancing:DescribeTargetHealth on " + BLUE_TG)
                    .contains("endpoint URL")
                    .doesNotContain(SECRET_KEY);
        }
    }
}
