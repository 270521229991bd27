package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * Steers traffic with the forward weights of an Application Load Balancer listener's default action, or of one
 * of its rules. Each change is a single ModifyListener or ModifyRule call, so ALB never sees a half-made split.
 */
public final class ElbTrafficRouter implements TrafficRouter {

    private final ElasticLoadBalancingV2Client elb;
    private final ResolvedEnvironment env;

    public ElbTrafficRouter(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        this.elb = elb;
        this.env = env;
    }

    @Override
    public TrafficSplit currentSplit() {
        return splitOf(env.listenerArn(), env.ruleArn());
    }

    @Override
    public void applySplit(TrafficSplit split) {
        write(env.listenerArn(), env.ruleArn(), split);
    }

    @Override
    public Optional<Slot> testTrafficSlot() {
        if (!env.hasTestListener()) {
            return Optional.empty();
        }
        TrafficSplit split = splitOf(env.testListenerArn(), env.testRuleArn());
        return Optional.of(split.soleSlot().orElseThrow(() -> new IllegalStateException("The test "
                + describe(env.testListenerArn(), env.testRuleArn()) + " splits traffic (" + split
                + ") instead of sending it all to one slot: point it at the idle slot before smoke checks.")));
    }

    @Override
    public void pointTestTrafficAt(Slot slot) {
        if (env.hasTestListener()) {
            write(env.testListenerArn(), env.testRuleArn(), TrafficSplit.allTo(slot));
        }
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

    private TrafficSplit splitOf(String listenerArn, String ruleArn) {
        Map<String, Integer> weights = ForwardActions.weights(requireForward(listenerArn, ruleArn,
                read(listenerArn, ruleArn)));
        Set<String> others = new LinkedHashSet<>(weights.keySet());
        others.remove(env.blueTargetGroupArn());
        others.remove(env.greenTargetGroupArn());
        if (!others.isEmpty()) {
            throw new IllegalStateException("The " + describe(listenerArn, ruleArn) + " also forwards to " + others
                    + ", which belong to neither slot; it was changed outside this deployment. Make it forward"
                    + " only to the blue and green target groups, then run again.");
        }
        return TrafficSplit.fromWeights(weights.getOrDefault(env.blueTargetGroupArn(), 0),
                weights.getOrDefault(env.greenTargetGroupArn(), 0));
    }

    private void write(String listenerArn, String ruleArn, TrafficSplit split) {
        List<Action> current = read(listenerArn, ruleArn);
        requireForward(listenerArn, ruleArn, current);
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(env.blueTargetGroupArn(), split.blue());
        weights.put(env.greenTargetGroupArn(), split.green());
        List<Action> updated = ForwardActions.withWeights(current, weights);
        if (ruleArn != null) {
            AwsErrors.call("elasticloadbalancing:ModifyRule", ruleArn, null,
                    () -> elb.modifyRule(b -> b.ruleArn(ruleArn).actions(updated)));
        } else {
            AwsErrors.call("elasticloadbalancing:ModifyListener", listenerArn, null,
                    () -> elb.modifyListener(b -> b.listenerArn(listenerArn).defaultActions(updated)));
        }
    }

    private List<Action> read(String listenerArn, String ruleArn) {
        if (ruleArn != null) {
            return AwsErrors.call("elasticloadbalancing:DescribeRules", ruleArn, null,
                    () -> elb.describeRules(b -> b.ruleArns(ruleArn))).rules().get(0).actions();
        }
        return AwsErrors.call("elasticloadbalancing:DescribeListeners", listenerArn, null,
                () -> elb.describeListeners(b -> b.listenerArns(listenerArn))).listeners().get(0).defaultActions();
    }

    private static Action requireForward(String listenerArn, String ruleArn, List<Action> actions) {
        Action forward = ForwardActions.find(actions);
        if (forward == null) {
            throw new IllegalStateException("The " + describe(listenerArn, ruleArn) + " no longer forwards to"
                    + " target groups; it was changed outside this deployment. Restore its forward action to the"
                    + " blue and green target groups, then run again.");
        }
        return forward;
    }

    private static String describe(String listenerArn, String ruleArn) {
        return ruleArn != null ? "rule " + ruleArn : "listener " + listenerArn;
    }
}
