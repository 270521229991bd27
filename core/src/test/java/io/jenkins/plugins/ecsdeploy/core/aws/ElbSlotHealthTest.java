package io.jenkins.plugins.ecsdeploy.core.aws;

import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elb;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.elbRequests;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.form;
import static io.jenkins.plugins.ecsdeploy.core.aws.AwsWire.xml;
import static io.jenkins.plugins.ecsdeploy.core.aws.ElbReplies.GREEN_TG;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElbSlotHealthTest {

    @RegisterExtension
    static WireClients wire = new WireClients();

    private ElbSlotHealth health() {
        return new ElbSlotHealth(wire.clients().elb(), ElbReplies.environment(null, null));
    }

    @Test
    void countsOnlyHealthyTargetsAsHealthy() {
        wire.stubFor(elb("DescribeTargetHealth").willReturn(xml(ElbReplies.describeTargetHealth(
                "healthy", "healthy", "unhealthy", "initial", "draining", "unused"))));

        TargetHealthSummary health = health().targetHealth(Slot.GREEN);

        assertThat(health).isEqualTo(new TargetHealthSummary(2, 1, 6));
        List<Map<String, String>> asked = elbRequests(wire, "DescribeTargetHealth").stream().map(AwsWire::form)
                .toList();
        assertThat(asked).singleElement().satisfies(p -> assertThat(p).containsEntry("TargetGroupArn", GREEN_TG));
    }

    @Test
    void anEmptyTargetGroupHasNoTargets() {
        wire.stubFor(elb("DescribeTargetHealth").willReturn(xml(ElbReplies.describeTargetHealth())));

        assertThat(health().targetHealth(Slot.BLUE)).isEqualTo(new TargetHealthSummary(0, 0, 0));
    }

}
