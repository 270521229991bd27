package io.jenkins.plugins.ecsdeploy.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecs;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.ecsRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elbRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.form;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.json;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xmlError;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.CLUSTER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.TD_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.describeServices;
import static io.jenkins.plugins.ecsdeploy.core.aws.EcsReplies.steadyService;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.BLUE_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LB_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.OTHER_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.RULE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.TEST_LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.describeListeners;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.describeRules;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.forward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.listener;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.noStickiness;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.rule;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.singleForward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.tg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ListenerConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotsConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AwsEnvironmentResolverTest {

    @RegisterExtension
    static WireMockExtension wire = AwsWire.server();

    private static final String OTHER_RULE_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
            + "listener-rule/app/shop/50dc6c495c0c9188/0467ef3c8400ae65/aa11bb22cc33dd44";
    private static final String DEFAULT_RULE_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
            + "listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/0000000000000000";

    private AwsClients clients;
    private AwsEnvironmentResolver resolver;

    @BeforeEach
    void connectAndStubAHealthyEnvironment() {
        clients = AwsClients.create(AwsWire.connection(wire));
        resolver = new AwsEnvironmentResolver(clients.elb(), clients.ecs());

        wire.stubFor(ecs("DescribeClusters").willReturn(json(EcsReplies.describeClusters("shop", "ACTIVE"))));
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(
                steadyService("shop-blue", "ECS", TD_ARN), steadyService("shop-green", null, TD_ARN)), List.of()))));
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(EcsReplies.describeTaskDefinition(
                EcsReplies.taskDefinition(TD_ARN, "web", "envoy"), "[]"))));
        wire.stubFor(elb("DescribeTargetGroups", "Names.member.1", "shop-blue")
                .willReturn(xml(ElbReplies.describeTargetGroups(BLUE_TG, "shop-blue"))));
        wire.stubFor(elb("DescribeTargetGroups", "Names.member.1", "shop-green")
                .willReturn(xml(ElbReplies.describeTargetGroups(GREEN_TG, "shop-green"))));
        wire.stubFor(elb("DescribeTargetGroups", "TargetGroupArns.member.1", BLUE_TG)
                .willReturn(xml(ElbReplies.describeTargetGroups(BLUE_TG, "shop-blue"))));
        wire.stubFor(elb("DescribeTargetGroups", "TargetGroupArns.member.1", GREEN_TG)
                .willReturn(xml(ElbReplies.describeTargetGroups(GREEN_TG, "shop-green"))));
        wire.stubFor(elb("DescribeLoadBalancers", "Names.member.1", "shop")
                .willReturn(xml(ElbReplies.describeLoadBalancers(LB_ARN, "shop"))));
        String production = listener(LISTENER_ARN, 443, forward(1, noStickiness(), tg(BLUE_TG, 100),
                tg(GREEN_TG, 0)));
        String test = listener(TEST_LISTENER_ARN, 8080, singleForward(GREEN_TG));
        wire.stubFor(elb("DescribeListeners", "LoadBalancerArn", LB_ARN)
                .willReturn(xml(describeListeners(production, test))));
        wire.stubFor(elb("DescribeListeners", "ListenerArns.member.1", LISTENER_ARN)
                .willReturn(xml(describeListeners(production))));
        wire.stubFor(elb("DescribeListeners", "ListenerArns.member.1", TEST_LISTENER_ARN)
                .willReturn(xml(describeListeners(test))));
        String rule = rule(RULE_ARN, "10", forward(1, noStickiness(), tg(BLUE_TG, 90), tg(GREEN_TG, 10)));
        String defaultRule = rule(DEFAULT_RULE_ARN, "default", singleForward(BLUE_TG));
        wire.stubFor(elb("DescribeRules", "ListenerArn", LISTENER_ARN)
                .willReturn(xml(describeRules(rule, rule(LISTENER_ARN + "/r5", "5", singleForward(OTHER_TG)),
                        defaultRule))));
        wire.stubFor(elb("DescribeRules", "RuleArns.member.1", RULE_ARN).willReturn(xml(describeRules(rule))));
        wire.stubFor(elb("DescribeRules", "RuleArns.member.1", DEFAULT_RULE_ARN)
                .willReturn(xml(describeRules(defaultRule))));
        wire.stubFor(elb("DescribeRules", "RuleArns.member.1", OTHER_RULE_ARN).willReturn(xml(describeRules(
                rule(OTHER_RULE_ARN, "3", singleForward(GREEN_TG))))));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    private static EnvironmentConfig config(String blueTg, String greenTg, ListenerConfig listener,
            ListenerConfig testListener) {
        return new EnvironmentConfig("shop", "eu-west-1", null, "shop", "web",
                new SlotsConfig(new SlotConfig("shop-blue", blueTg), new SlotConfig("shop-green", greenTg)),
                listener, testListener, null, null, null);
    }

    private static ListenerConfig byLoadBalancer(int port, Integer rulePriority) {
        return new ListenerConfig(null, "shop", port, null, rulePriority);
    }

    private static ListenerConfig byArn(String listenerArn, String ruleArn) {
        return new ListenerConfig(listenerArn, null, null, ruleArn, null);
    }

    @Test
    void resolvesNamesToArnsWithReadOnlyCalls() {
        ResolvedEnvironment env = resolver.resolve(config("shop-blue", "shop-green", byLoadBalancer(443, 10),
                byLoadBalancer(8080, null)));

        assertThat(env).isEqualTo(new ResolvedEnvironment(CLUSTER_ARN, "shop-blue", "shop-green", BLUE_TG,
                GREEN_TG, LB_ARN, LISTENER_ARN, RULE_ARN, TEST_LISTENER_ARN, null));
        // The load balancer's ARN comes from the target groups attached to it, the cluster's from its services.
        assertThat(elbRequests(wire, "DescribeLoadBalancers")).isEmpty();
        assertThat(ecsRequests(wire, "DescribeClusters")).isEmpty();
        assertThat(elbRequests(wire, "DescribeListeners")).singleElement()
                .satisfies(r -> assertThat(form(r)).containsEntry("LoadBalancerArn", LB_ARN));
        assertThat(elbRequests(wire, "DescribeTargetGroups")).extracting(r -> form(r).get("Names.member.1"))
                .containsExactlyInAnyOrder("shop-blue", "shop-green");
        assertThat(ecsRequests(wire, "DescribeServices")).singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("\"shop-blue\"", "\"shop-green\""));
        assertReadOnly();
    }

    @Test
    void resolvesArnsAndAcceptsATestListenerPointingAtOneSlot() {
        ResolvedEnvironment env = resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, RULE_ARN),
                byArn(TEST_LISTENER_ARN, null)));

        assertThat(env).isEqualTo(new ResolvedEnvironment(CLUSTER_ARN, "shop-blue", "shop-green", BLUE_TG,
                GREEN_TG, LB_ARN, LISTENER_ARN, RULE_ARN, TEST_LISTENER_ARN, null));
        assertThat(elbRequests(wire, "DescribeTargetGroups")).extracting(r -> form(r).get("TargetGroupArns.member.1"))
                .containsExactlyInAnyOrder(BLUE_TG, GREEN_TG);
        assertThat(elbRequests(wire, "DescribeLoadBalancers")).isEmpty();
        assertReadOnly();
    }

    @Test
    void reportsEveryProblemAtOnceEachWithItsFix() {
        wire.stubFor(elb("DescribeTargetGroups", "Names.member.1", "shop-green").willReturn(xmlError(400,
                ElbReplies.error("TargetGroupNotFound", "One or more target groups not found"))));
        wire.stubFor(elb("DescribeListeners", "ListenerArns.member.1", LISTENER_ARN)
                .willReturn(xml(describeListeners(listener(LISTENER_ARN, 443,
                        forward(1, noStickiness(), tg(BLUE_TG, 100), tg(OTHER_TG, 0)))))));
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(
                steadyService("shop-blue", "CODE_DEPLOY", TD_ARN),
                steadyService("shop-green", "ECS", TD_ARN)), List.of()))));
        wire.stubFor(ecs("DescribeTaskDefinition").willReturn(json(EcsReplies.describeTaskDefinition(
                EcsReplies.taskDefinition(TD_ARN, "app"), "[]"))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, "shop-green", byArn(LISTENER_ARN, null), null)));

        assertThat(failure.problems()).satisfiesExactly(
                p -> assertThat(p).contains("ECS service 'shop-blue' (slots.blue.service)",
                        "CODE_DEPLOY deployment controller", "rejects", "UpdateService",
                        "--deployment-controller type=ECS"),
                p -> assertThat(p).contains("ECS service 'shop-green' (slots.green.service)", TD_ARN,
                        "no container named 'web' (container)", "['app']", "set container"),
                p -> assertThat(p).contains("target group 'shop-green'", "TargetGroupNotFound",
                        "check slots.green.targetGroup"));
        assertThat(failure.getMessage()).startsWith("Preflight failed, nothing was changed in AWS:");
        assertReadOnly();
    }

    @Test
    void aListenerThatAlsoFeedsAThirdGroupIsReported() {
        wire.stubFor(elb("DescribeListeners", "ListenerArns.member.1", LISTENER_ARN)
                .willReturn(xml(describeListeners(listener(LISTENER_ARN, 443,
                        forward(1, noStickiness(), tg(BLUE_TG, 100), tg(GREEN_TG, 0), tg(OTHER_TG, 0)))))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, null), null)));

        assertThat(failure.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("listener " + LISTENER_ARN + " (listener) forwards to", OTHER_TG,
                        "must forward to exactly", BLUE_TG, GREEN_TG, "edit its forward action"));
    }

    @Test
    void oneServiceForBothSlotsIsRefused() {
        EnvironmentConfig shared = new EnvironmentConfig("shop", "eu-west-1", null, "shop", "web",
                new SlotsConfig(new SlotConfig("shop-blue", BLUE_TG), new SlotConfig("shop-blue", GREEN_TG)),
                byArn(LISTENER_ARN, null), null, null, null, null);

        PreflightException failure = catchThrowableOfType(PreflightException.class, () -> resolver.resolve(shared));

        assertThat(failure.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("slots.blue.service and slots.green.service are both 'shop-blue'"));
    }

    @Test
    void aTestListenerThatDoesNotForwardIsReported() {
        wire.stubFor(elb("DescribeListeners", "ListenerArns.member.1", TEST_LISTENER_ARN)
                .willReturn(xml(describeListeners(listener(TEST_LISTENER_ARN, 8080, ElbReplies.fixedResponse())))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, null),
                        byArn(TEST_LISTENER_ARN, null))));

        assertThat(failure.problems()).singleElement().satisfies(p -> assertThat(p).contains(
                "listener " + TEST_LISTENER_ARN + " (testListener) does not forward to target groups",
                "[fixed-response]", "make it forward to the blue target group " + BLUE_TG));
    }

    @Test
    void aLoadBalancerNoSlotTargetGroupIsAttachedToIsReadByName() {
        wire.stubFor(elb("DescribeLoadBalancers", "Names.member.1", "other").willReturn(xmlError(400,
                ElbReplies.error("LoadBalancerNotFound", "One or more load balancers not found"))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, new ListenerConfig(null, "other", 443, null, null),
                        null)));

        assertThat(failure.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("load balancer 'other'", "LoadBalancerNotFound", "check listener.loadBalancer"));
        assertThat(elbRequests(wire, "DescribeLoadBalancers")).singleElement()
                .satisfies(r -> assertThat(form(r)).containsEntry("Names.member.1", "other"));
    }

    @Test
    void anInactiveClusterIsReportedAsSuch() {
        wire.stubFor(ecs("DescribeServices").willReturn(AwsWire.jsonError(400, "ClusterNotFoundException",
                "Cluster not found.")));
        wire.stubFor(ecs("DescribeClusters").willReturn(json(EcsReplies.describeClusters("shop", "INACTIVE"))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, null), null)));

        assertThat(failure.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("ECS cluster 'shop' (cluster) is INACTIVE, not ACTIVE: deploy to an active cluster."));
    }

    @Test
    void whenNeitherServiceIsFoundTheClusterIsReadToNameIt() {
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(), List.of(
                EcsReplies.missing("arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-blue"),
                EcsReplies.missing("arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-green"))))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, null), null)));

        assertThat(failure.problems()).satisfiesExactly(
                p -> assertThat(p).contains("ECS service 'shop-blue' (slots.blue.service) was not found in cluster "
                        + CLUSTER_ARN),
                p -> assertThat(p).contains("ECS service 'shop-green' (slots.green.service) was not found in cluster "
                        + CLUSTER_ARN));
        assertThat(ecsRequests(wire, "DescribeClusters")).hasSize(1);
    }

    @Test
    void aMissingClusterSkipsTheServiceChecksButNotTheLoadBalancerOnes() {
        // ECS answers DescribeServices in a missing cluster with ClusterNotFoundException; DescribeClusters then
        // says whether it is missing or inactive.
        wire.stubFor(ecs("DescribeServices").willReturn(AwsWire.jsonError(400, "ClusterNotFoundException",
                "Cluster not found.")));
        wire.stubFor(ecs("DescribeClusters").willReturn(json(EcsReplies.clusterMissing("shop"))));
        wire.stubFor(elb("DescribeRules", "ListenerArn", LISTENER_ARN).willReturn(xml(describeRules(
                rule(RULE_ARN, "10", singleForward(BLUE_TG))))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byLoadBalancer(443, 20),
                        byLoadBalancer(9090, null))));

        assertThat(failure.problems()).satisfiesExactly(
                p -> assertThat(p).contains("ECS cluster 'shop' (cluster) was not found in region eu-west-1"),
                p -> assertThat(p).contains("Listener " + LISTENER_ARN + " has no rule with priority 20",
                        "(listener.rulePriority)", "[10]"),
                p -> assertThat(p).contains("no listener on port 9090 (testListener.port)", "[443, 8080]"));
        assertThat(ecsRequests(wire, "DescribeTaskDefinition")).isEmpty();
    }

    @Test
    void theDefaultRuleARuleOfAnotherListenerAndASharedTestTargetAreRefused() {
        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, DEFAULT_RULE_ARN),
                        byArn(LISTENER_ARN, OTHER_RULE_ARN))));

        assertThat(failure.problems()).satisfiesExactly(
                p -> assertThat(p).contains("Rule " + DEFAULT_RULE_ARN, "is the default rule",
                        "leave listener.ruleArn and listener.rulePriority out"),
                p -> assertThat(p).contains("Rule " + OTHER_RULE_ARN + " (testListener.ruleArn) belongs to listener "
                        + TEST_LISTENER_ARN));

        PreflightException same = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, RULE_ARN),
                        byArn(LISTENER_ARN, RULE_ARN))));
        assertThat(same.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("testListener steers the same rule " + RULE_ARN + " as listener"));
    }

    @Test
    void aDeniedReadIsOneOfTheProblemsNotTheEndOfThePreflight() {
        wire.stubFor(elb("DescribeTargetGroups", "TargetGroupArns.member.1", BLUE_TG).willReturn(xmlError(403,
                ElbReplies.error("AccessDenied", "not authorized: elasticloadbalancing:DescribeTargetGroups"))));
        wire.stubFor(ecs("DescribeServices").willReturn(json(describeServices(List.of(
                steadyService("shop-blue", "ECS", TD_ARN)),
                List.of(EcsReplies.missing("arn:aws:ecs:eu-west-1:123456789012:service/shop/shop-green"))))));

        PreflightException failure = catchThrowableOfType(PreflightException.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, null), null)));

        assertThat(failure.problems()).satisfiesExactly(
                p -> assertThat(p).contains("ECS service 'shop-green' (slots.green.service) was not found"),
                p -> assertThat(p).startsWith("AWS denied elasticloadbalancing:DescribeTargetGroups on target group '"
                        + BLUE_TG + "': grant it to the credentials' role."));
        // Both groups in one read first; when it fails, one read each to name the field whose group is denied.
        assertThat(elbRequests(wire, "DescribeTargetGroups")).hasSize(3);
    }

    @Test
    void bothTargetGroupsAreReadInOneCall() {
        wire.stubFor(elb("DescribeTargetGroups").willReturn(xml(ElbReplies.describeTargetGroups(BLUE_TG, "shop-blue"))));

        new ElbPreflight(clients.elb(), new Problems()).readAhead(BLUE_TG, GREEN_TG);

        assertThat(elbRequests(wire, "DescribeTargetGroups")).singleElement().satisfies(r -> assertThat(
                r.getBodyAsString()).contains("TargetGroupArns.member.1=").contains("TargetGroupArns.member.2="));
    }

    @Test
    void throttlingDuringPreflightIsAnAwsFailureNotAVerdictOnTheEnvironment() {
        wire.stubFor(ecs("DescribeServices").willReturn(AwsWire.jsonError(400, "ThrottlingException",
                "Rate exceeded")));

        AwsFailure failure = catchThrowableOfType(AwsFailure.class,
                () -> resolver.resolve(config(BLUE_TG, GREEN_TG, byArn(LISTENER_ARN, null), null)));

        assertThat(failure.getMessage()).startsWith("AWS throttled ecs:DescribeServices");
        assertThat(ecsRequests(wire, "DescribeServices")).hasSize(RetrySettings.fast().maxAttempts());
    }

    private static void assertReadOnly() {
        assertThat(wire.findAll(anyRequestedFor(anyUrl()))).allSatisfy(r -> {
            String target = r.getHeader("X-Amz-Target");
            String action = target != null ? target.substring(target.indexOf('.') + 1) : form(r).get("Action");
            assertThat(action).startsWith("Describe");
        });
    }
}
