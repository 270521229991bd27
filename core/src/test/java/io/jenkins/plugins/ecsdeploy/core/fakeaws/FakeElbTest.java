package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

class FakeElbTest {

    private final FakeAws aws = FakeAws.startStandard();
    private final ElasticLoadBalancingV2Client elb = SdkClients.elb(aws);

    @AfterEach
    void stop() {
        elb.close();
        aws.close();
    }

    static Action weighted(int blue, int green) {
        return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder()
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(BLUE_TARGET_GROUP_ARN).weight(blue).build(),
                        TargetGroupTuple.builder().targetGroupArn(GREEN_TARGET_GROUP_ARN).weight(green).build())
                .build()).build();
    }

    private static Map<String, Integer> weights(Action action) {
        return action.forwardConfig().targetGroups().stream()
                .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
    }

    /** The production listener's weight for a target group, as DescribeListeners reports it. */
    static int weightOf(ElasticLoadBalancingV2Client elb, String targetGroupArn) {
        Listener listener = elb.describeListeners(r -> r.listenerArns(LISTENER_ARN)).listeners().get(0);
        return weights(listener.defaultActions().get(0)).get(targetGroupArn);
    }

    @Test
    void describesTheStandardEnvironment() {
        var lb = elb.describeLoadBalancers(r -> r.names(LOAD_BALANCER)).loadBalancers().get(0);
        assertThat(lb.loadBalancerArn()).isEqualTo(LOAD_BALANCER_ARN);
        assertThat(lb.typeAsString()).isEqualTo("application");

        List<Listener> listeners = elb.describeListeners(r -> r.loadBalancerArn(LOAD_BALANCER_ARN)).listeners();
        assertThat(listeners).extracting(Listener::listenerArn).containsExactly(LISTENER_ARN, TEST_LISTENER_ARN);
        assertThat(listeners.get(0).port()).isEqualTo(443);
        assertThat(weights(listeners.get(0).defaultActions().get(0)))
                .isEqualTo(Map.of(BLUE_TARGET_GROUP_ARN, 100, GREEN_TARGET_GROUP_ARN, 0));
        Action test = listeners.get(1).defaultActions().get(0);
        assertThat(test.targetGroupArn()).isEqualTo(GREEN_TARGET_GROUP_ARN);

        List<Rule> rules = elb.describeRules(r -> r.listenerArn(LISTENER_ARN)).rules();
        assertThat(rules).extracting(Rule::ruleArn).containsExactly(RULE_ARN, DEFAULT_RULE_ARN);
        assertThat(rules.get(0).priority()).isEqualTo("10");
        assertThat(rules.get(0).conditions().get(0).pathPatternConfig().values()).containsExactly("/api/*");
        assertThat(rules.get(1).isDefault()).isTrue();
        assertThat(weights(rules.get(1).actions().get(0))).containsEntry(BLUE_TARGET_GROUP_ARN, 100);

        List<TargetGroup> groups = elb.describeTargetGroups(r -> r.names(BLUE_TARGET_GROUP, GREEN_TARGET_GROUP))
                .targetGroups();
        assertThat(groups).extracting(TargetGroup::targetGroupArn)
                .containsExactly(BLUE_TARGET_GROUP_ARN, GREEN_TARGET_GROUP_ARN);
        assertThat(groups.get(0).loadBalancerArns()).containsExactly(LOAD_BALANCER_ARN);
    }

    @Test
    void modifiedListenerWeightsReadBack() {
        elb.modifyListener(r -> r.listenerArn(LISTENER_ARN).defaultActions(weighted(90, 10)));

        Listener listener = elb.describeListeners(r -> r.listenerArns(LISTENER_ARN)).listeners().get(0);
        assertThat(weights(listener.defaultActions().get(0)))
                .isEqualTo(Map.of(BLUE_TARGET_GROUP_ARN, 90, GREEN_TARGET_GROUP_ARN, 10));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
        Call call = aws.calls("ModifyListener").get(0);
        assertThat(call.param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight")).isEqualTo("10");
    }

    @Test
    void modifiedRuleWeightsReadBackAndTestListenerCanBeRepointed() {
        elb.modifyRule(r -> r.ruleArn(RULE_ARN).actions(weighted(0, 100)));
        elb.modifyListener(r -> r.listenerArn(TEST_LISTENER_ARN).defaultActions(Action.builder()
                .type(ActionTypeEnum.FORWARD).targetGroupArn(BLUE_TARGET_GROUP_ARN).build()));

        Rule rule = elb.describeRules(r -> r.ruleArns(RULE_ARN)).rules().get(0);
        assertThat(weights(rule.actions().get(0))).containsEntry(GREEN_TARGET_GROUP_ARN, 100);
        assertThat(aws.ruleSplit()).isEqualTo(new TrafficSplit(0, 100));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
        assertThat(aws.testListenerTarget()).isEqualTo(BLUE_TARGET_GROUP);
    }

    @Test
    void missingResourcesAreReportedWithElbErrorCodes() {
        String missing = LISTENER_ARN.replace("1111111111111111", "9999999999999999");
        assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(missing)))
                .isInstanceOf(ListenerNotFoundException.class);
        assertThatThrownBy(() -> elb.modifyListener(r -> r.listenerArn(LISTENER_ARN)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD)
                        .targetGroupArn(BLUE_TARGET_GROUP_ARN.replace("web-blue", "web-red")).build())))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThatThrownBy(() -> elb.describeRules(r -> r.ruleArns(RULE_ARN + "0")))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("RuleNotFound"));
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("nope")))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("LoadBalancerNotFound"));
        assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(100, 0));
    }

    @Test
    void targetsAreTheRunningTasksAndBecomeHealthyAfterPolls() {
        List<TargetHealthDescription> blue = elb.describeTargetHealth(r -> r.targetGroupArn(BLUE_TARGET_GROUP_ARN))
                .targetHealthDescriptions();
        assertThat(blue).hasSize(2).allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"));
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(GREEN_TARGET_GROUP_ARN)).targetHealthDescriptions())
                .isEmpty();

        try (EcsClient ecs = SdkClients.ecs(aws)) {
            ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).desiredCount(2));
            aws.tick();
            aws.tick();
        }
        List<TargetHealthDescription> first = elb.describeTargetHealth(r -> r.targetGroupArn(GREEN_TARGET_GROUP_ARN))
                .targetHealthDescriptions();
        assertThat(first).hasSize(2).allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("initial"));
        List<TargetHealthDescription> second = elb.describeTargetHealth(r -> r.targetGroupArn(GREEN_TARGET_GROUP_ARN))
                .targetHealthDescriptions();
        assertThat(second).allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"));

        aws.slotUnhealthy(GREEN_TARGET_GROUP, true);
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(GREEN_TARGET_GROUP_ARN)).targetHealthDescriptions())
                .allSatisfy(d -> {
                    assertThat(d.targetHealth().stateAsString()).isEqualTo("unhealthy");
                    assertThat(d.targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
                });
    }

    @Test
    void tagsOnListenersAndRulesCanBeAddedReadAndRemoved() {
        elb.addTags(r -> r.resourceArns(LISTENER_ARN, RULE_ARN)
                .tags(Tag.builder().key("ecs-deploy:lock").value("build-42").build()));
        var described = elb.describeTags(r -> r.resourceArns(LISTENER_ARN)).tagDescriptions().get(0);
        assertThat(described.tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ecs-deploy:lock", "build-42"));

        elb.removeTags(r -> r.resourceArns(LISTENER_ARN).tagKeys("ecs-deploy:lock"));
        assertThat(aws.tags(LISTENER_ARN)).isEmpty();
        assertThat(aws.tags(RULE_ARN)).containsEntry("ecs-deploy:lock", "build-42");
        assertThatThrownBy(() -> elb.addTags(r -> r.resourceArns(LISTENER_ARN + "0")
                .tags(Tag.builder().key("k").value("v").build())))
                .isInstanceOf(ListenerNotFoundException.class);
    }
}
