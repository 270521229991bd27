package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

/**
 * The split between the slots' target groups in the forward action of a listener's default actions, or of one of
 * its rules: what both the production router and the test listener read and write. Each change is a single
 * ModifyListener or ModifyRule call, so ALB never sees a half-made split.
 */
final class ListenerWeights {

    private final ElasticLoadBalancingV2Client elb;
    private final ResolvedEnvironment env;
    /**
     * The actions of the last read and what they were read from, until the next write: a write right after a read
     * in the same step (an adapter lives for one engine step) reuses it instead of reading the same thing twice.
     */
    private List<Action> lastRead;
    private String lastReadFrom;

    ListenerWeights(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        this.elb = elb;
        this.env = env;
    }

    /** The split the listener (or the rule, when {@code ruleArn} is set) forwards with now. */
    TrafficSplit read(String listenerArn, String ruleArn) {
        Map<String, Integer> weights = ForwardActions.weights(requireForward(listenerArn, ruleArn,
                actions(listenerArn, ruleArn)));
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

    /** Reads the actions that the next {@link #write} rewrites, for it to reuse. */
    void prepareWrite(String listenerArn, String ruleArn) {
        actions(listenerArn, ruleArn);
    }

    /** Rewrites the weights of the forward action, leaving its other settings and the other actions as they are. */
    void write(String listenerArn, String ruleArn, TrafficSplit split) {
        List<Action> current = describe(listenerArn, ruleArn).equals(lastReadFrom) ? lastRead
                : actions(listenerArn, ruleArn);
        lastRead = null;
        lastReadFrom = null;
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

    static String describe(String listenerArn, String ruleArn) {
        return ruleArn != null ? "rule " + ruleArn : "listener " + listenerArn;
    }

    private List<Action> actions(String listenerArn, String ruleArn) {
        List<Action> actions = ruleArn != null
                ? AwsErrors.call("elasticloadbalancing:DescribeRules", ruleArn, null,
                        () -> elb.describeRules(b -> b.ruleArns(ruleArn))).rules().get(0).actions()
                : AwsErrors.call("elasticloadbalancing:DescribeListeners", listenerArn, null,
                        () -> elb.describeListeners(b -> b.listenerArns(listenerArn))).listeners().get(0)
                        .defaultActions();
        lastRead = actions;
        lastReadFrom = describe(listenerArn, ruleArn);
        return actions;
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
}
