package io.jenkins.plugins.ecsdeploy.core.aws;

import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elbRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.form;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.BLUE_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.OTHER_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.RULE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.authenticateOidc;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.describeListeners;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.describeRules;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.forward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.listener;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.noStickiness;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.rule;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.singleForward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.stickiness;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.tg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElbTrafficRouterTest {

    @RegisterExtension
    static WireClients wire = new WireClients();

    private ElbTrafficRouter router(String ruleArn, String testListenerArn) {
        return new ElbTrafficRouter(wire.clients().elb(), ElbReplies.environment(ruleArn, testListenerArn));
    }

    @Test
    void readsTheSplitFromTheRuleWeights() {
        wire.stubFor(elb("DescribeRules").willReturn(xml(describeRules(
                rule(RULE_ARN, "10", forward(1, noStickiness(), tg(BLUE_TG, 90), tg(GREEN_TG, 10)))))));

        assertThat(router(RULE_ARN, null).currentSplit()).isEqualTo(new TrafficSplit(90, 10));

        assertThat(form(elbRequests(wire, "DescribeRules").get(0)))
                .containsEntry("RuleArns.member.1", RULE_ARN)
                .doesNotContainKey("ListenerArn");
    }

    @Test
    void convertsRawAlbWeightsOfTheListenerToPercent() {
        wire.stubFor(elb("DescribeListeners").willReturn(xml(describeListeners(
                listener(LISTENER_ARN, 80, forward(1, noStickiness(), tg(BLUE_TG, 999), tg(GREEN_TG, 333)))))));

        assertThat(router(null, null).currentSplit()).isEqualTo(new TrafficSplit(75, 25));

        assertThat(form(elbRequests(wire, "DescribeListeners").get(0)))
                .containsEntry("ListenerArns.member.1", LISTENER_ARN);
    }

    @Test
    void aSingleTargetGroupForwardSendsThatSlotEverything() {
        wire.stubFor(elb("DescribeListeners").willReturn(xml(describeListeners(
                listener(LISTENER_ARN, 80, singleForward(GREEN_TG))))));

        assertThat(router(null, null).currentSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void refusesToReadASplitThatAlsoFeedsAThirdTargetGroup() {
        wire.stubFor(elb("DescribeListeners").willReturn(xml(describeListeners(listener(LISTENER_ARN, 80,
                forward(1, noStickiness(), tg(BLUE_TG, 50), tg(GREEN_TG, 0), tg(OTHER_TG, 50)))))));

        assertThatThrownBy(() -> router(null, null).currentSplit())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LISTENER_ARN)
                .hasMessageContaining(OTHER_TG);
    }

    @Test
    void appliesASplitWithOneModifyRuleKeepingStickiness() {
        wire.stubFor(elb("DescribeRules").willReturn(xml(describeRules(rule(RULE_ARN, "10",
                forward(1, stickiness(true, 300), tg(BLUE_TG, 100), tg(GREEN_TG, 0)))))));
        wire.stubFor(elb("ModifyRule").willReturn(xml(ElbReplies.modifyRule())));

        router(RULE_ARN, null).applySplit(new TrafficSplit(90, 10));

        assertThat(elbRequests(wire, "ModifyRule")).hasSize(1);
        assertThat(elbRequests(wire, "ModifyListener")).isEmpty();
        Map<String, String> sent = form(elbRequests(wire, "ModifyRule").get(0));
        assertThat(sent).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Action", "ModifyRule"),
                Map.entry("Version", "2015-12-01"),
                Map.entry("RuleArn", RULE_ARN),
                Map.entry("Actions.member.1.Type", "forward"),
                Map.entry("Actions.member.1.Order", "1"),
                Map.entry("Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", BLUE_TG),
                Map.entry("Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight", "90"),
                Map.entry("Actions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn", GREEN_TG),
                Map.entry("Actions.member.1.ForwardConfig.TargetGroups.member.2.Weight", "10"),
                Map.entry("Actions.member.1.ForwardConfig.TargetGroupStickinessConfig.Enabled", "true"),
                Map.entry("Actions.member.1.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds", "300")));
    }

    @Test
    void applyingToTheListenerKeepsItsAuthenticateActionAndItsStoredSecret() {
        wire.stubFor(elb("DescribeListeners").willReturn(xml(describeListeners(listener(LISTENER_ARN, 443,
                authenticateOidc(1), forward(2, noStickiness(), tg(BLUE_TG, 1), tg(GREEN_TG, 0)))))));
        wire.stubFor(elb("ModifyListener").willReturn(xml(ElbReplies.modifyListener())));

        router(null, null).applySplit(TrafficSplit.allTo(Slot.GREEN));

        assertThat(elbRequests(wire, "ModifyListener")).hasSize(1);
        Map<String, String> sent = form(elbRequests(wire, "ModifyListener").get(0));
        assertThat(sent)
                .containsEntry("ListenerArn", LISTENER_ARN)
                .containsEntry("DefaultActions.member.1.Type", "authenticate-oidc")
                .containsEntry("DefaultActions.member.1.Order", "1")
                .containsEntry("DefaultActions.member.1.AuthenticateOidcConfig.ClientId", "shop")
                .containsEntry("DefaultActions.member.1.AuthenticateOidcConfig.UseExistingClientSecret", "true")
                .containsEntry("DefaultActions.member.2.Type", "forward")
                .containsEntry("DefaultActions.member.2.Order", "2")
                .containsEntry("DefaultActions.member.2.ForwardConfig.TargetGroups.member.1.TargetGroupArn", BLUE_TG)
                .containsEntry("DefaultActions.member.2.ForwardConfig.TargetGroups.member.1.Weight", "0")
                .containsEntry("DefaultActions.member.2.ForwardConfig.TargetGroups.member.2.TargetGroupArn", GREEN_TG)
                .containsEntry("DefaultActions.member.2.ForwardConfig.TargetGroups.member.2.Weight", "100")
                .doesNotContainKey("DefaultActions.member.2.TargetGroupArn");
    }

}
