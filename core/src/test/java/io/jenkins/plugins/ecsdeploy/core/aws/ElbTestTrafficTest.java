package io.jenkins.plugins.ecsdeploy.core.aws;

import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elbRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.form;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.BLUE_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.RULE_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.TEST_LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.describeListeners;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.forward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.listener;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.noStickiness;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.singleForward;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.tg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElbTestTrafficTest {

    @RegisterExtension
    static WireClients wire = new WireClients();

    private ElbTestTraffic testTraffic(String ruleArn, String testListenerArn) {
        return new ElbTestTraffic(wire.clients().elb(), ElbReplies.environment(ruleArn, testListenerArn));
    }

    @Test
    void withoutATestListenerNothingIsAskedOrChanged() {
        ElbTestTraffic router = testTraffic(null, null);

        assertThat(router.testTrafficSlot()).isEmpty();
        router.pointTestTrafficAt(Slot.GREEN);

        assertThat(wire.getAllServeEvents()).isEmpty();
    }

    @Test
    void readsAndPointsTheTestListener() {
        wire.stubFor(elb("DescribeListeners").willReturn(xml(describeListeners(
                listener(TEST_LISTENER_ARN, 8080, singleForward(GREEN_TG))))));
        wire.stubFor(elb("ModifyListener").willReturn(xml(ElbReplies.modifyListener())));
        ElbTestTraffic router = testTraffic(RULE_ARN, TEST_LISTENER_ARN);

        assertThat(router.testTrafficSlot()).contains(Slot.GREEN);
        router.pointTestTrafficAt(Slot.BLUE);

        assertThat(form(elbRequests(wire, "DescribeListeners").get(0)))
                .containsEntry("ListenerArns.member.1", TEST_LISTENER_ARN);
        Map<String, String> sent = form(elbRequests(wire, "ModifyListener").get(0));
        assertThat(sent)
                .containsEntry("ListenerArn", TEST_LISTENER_ARN)
                .containsEntry("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn", BLUE_TG)
                .containsEntry("DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight", "100")
                .containsEntry("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn", GREEN_TG)
                .containsEntry("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight", "0");
        assertThat(elbRequests(wire, "ModifyRule")).isEmpty();
    }

    @Test
    void aTestListenerThatSplitsTrafficIsReportedNotGuessed() {
        wire.stubFor(elb("DescribeListeners").willReturn(xml(describeListeners(listener(TEST_LISTENER_ARN, 8080,
                forward(1, noStickiness(), tg(BLUE_TG, 50), tg(GREEN_TG, 50)))))));

        assertThatThrownBy(() -> testTraffic(null, TEST_LISTENER_ARN).testTrafficSlot())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TEST_LISTENER_ARN)
                .hasMessageContaining("blue=50%, green=50%");
    }

}
