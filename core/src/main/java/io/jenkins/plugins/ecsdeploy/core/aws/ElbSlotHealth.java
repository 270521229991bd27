package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** A slot's health as the load balancer's health checks of its target group see it. */
public final class ElbSlotHealth implements SlotHealth {

    private final ElasticLoadBalancingV2Client elb;
    private final ResolvedEnvironment env;

    public ElbSlotHealth(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        this.elb = elb;
        this.env = env;
    }

    @Override
    public TargetHealthSummary targetHealth(Slot slot) {
        String tg = env.targetGroupArn(slot);
        List<TargetHealthDescription> targets = AwsErrors.call("elasticloadbalancing:DescribeTargetHealth", tg,
                "slots." + slot.id() + ".targetGroup",
                () -> elb.describeTargetHealth(b -> b.targetGroupArn(tg))).targetHealthDescriptions();
        int healthy = 0;
        int unhealthy = 0;
        for (TargetHealthDescription target : targets) {
            TargetHealthStateEnum state = target.targetHealth() == null ? null : target.targetHealth().state();
            if (state == TargetHealthStateEnum.HEALTHY) {
                healthy++;
            } else if (state == TargetHealthStateEnum.UNHEALTHY || state == TargetHealthStateEnum.UNHEALTHY_DRAINING) {
                unhealthy++;
            }
        }
        return new TargetHealthSummary(healthy, unhealthy, targets.size());
    }
}
