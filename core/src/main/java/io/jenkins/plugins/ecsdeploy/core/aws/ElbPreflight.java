package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.ListenerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** The load balancer half of the preflight: target groups, listeners, rules and where they forward. */
final class ElbPreflight {

    /** A listener, or one of its rules, whose forward action the router rewrites. */
    record Steering(String loadBalancerArn, String listenerArn, String ruleArn, List<Action> actions) {

        String describe() {
            return ruleArn == null ? "listener " + listenerArn : "rule " + ruleArn;
        }
    }

    private final ElasticLoadBalancingV2Client elb;
    private final Problems problems;
    private final Map<String, String> loadBalancerArns = new HashMap<>();
    private final Map<String, List<Listener>> listenersByLoadBalancer = new HashMap<>();
    /** Target group ARNs by the name or ARN they were asked by, read ahead in one call. */
    private final Map<String, String> targetGroupArns = new HashMap<>();
    /**
     * The load balancers the slots' target groups are attached to, as those reads named them: the one a listener is
     * given by name is usually among them, and then needs no read of its own.
     */
    private final java.util.Set<String> attachedLoadBalancers = new java.util.LinkedHashSet<>();

    ElbPreflight(ElasticLoadBalancingV2Client elb, Problems problems) {
        this.elb = elb;
        this.problems = problems;
    }

    /**
     * Reads the slots' target groups in one call when both are given the same way (names or ARNs), so that
     * {@link #targetGroup} needs none. Any failure is left to {@link #targetGroup}, which asks for each alone and
     * names the field whose group is missing or denied.
     */
    void readAhead(String blue, String green) {
        if (blue == null || green == null || blue.isBlank() || green.isBlank() || blue.equals(green)
                || isArn(blue) != isArn(green)) {
            return;
        }
        boolean byArn = isArn(blue);
        try {
            AwsErrors.call("elasticloadbalancing:DescribeTargetGroups", "target groups '" + blue + "' and '" + green
                    + "'", "slots.*.targetGroup", () -> elb.describeTargetGroups(b -> {
                        if (byArn) {
                            b.targetGroupArns(blue, green);
                        } else {
                            b.names(blue, green);
                        }
                    })).targetGroups().forEach(tg -> {
                        targetGroupArns.put(tg.targetGroupArn(), tg.targetGroupArn());
                        targetGroupArns.put(tg.targetGroupName(), tg.targetGroupArn());
                        attachedLoadBalancers.addAll(tg.loadBalancerArns());
                    });
        } catch (RuntimeException e) {
            targetGroupArns.clear();
        }
    }

    /** The target group's ARN, looked up by name unless given as an ARN; null when it does not exist. */
    String targetGroup(String field, String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) {
            problems.add(field + " is not set: give the slot's target group name or ARN.");
            return null;
        }
        if (targetGroupArns.containsKey(nameOrArn)) {
            return targetGroupArns.get(nameOrArn);
        }
        boolean byArn = isArn(nameOrArn);
        var reply = problems.read(() -> AwsErrors.call("elasticloadbalancing:DescribeTargetGroups",
                "target group '" + nameOrArn + "'", field, () -> elb.describeTargetGroups(b -> {
                    if (byArn) {
                        b.targetGroupArns(nameOrArn);
                    } else {
                        b.names(nameOrArn);
                    }
                })));
        if (reply == null || reply.targetGroups().isEmpty()) {
            return null;
        }
        attachedLoadBalancers.addAll(reply.targetGroups().get(0).loadBalancerArns());
        return reply.targetGroups().get(0).targetGroupArn();
    }

    /** The listener, and rule if one is configured, that {@code field} names; null after recording why not. */
    Steering steering(String field, ListenerConfig config) {
        Listener listener = listener(field, config);
        if (listener == null) {
            return null;
        }
        if (!config.steersRule()) {
            return new Steering(listener.loadBalancerArn(), listener.listenerArn(), null, listener.defaultActions());
        }
        Rule rule = config.ruleArn() != null ? ruleByArn(field, config.ruleArn(), listener.listenerArn())
                : ruleByPriority(field, config.rulePriority(), listener.listenerArn());
        if (rule == null) {
            return null;
        }
        if (Boolean.TRUE.equals(rule.isDefault())) {
            problems.add("Rule " + rule.ruleArn() + " (" + field + ".ruleArn) is the default rule of listener "
                    + listener.listenerArn() + ": leave " + field + ".ruleArn and " + field
                    + ".rulePriority out to steer the listener's default action.");
            return null;
        }
        return new Steering(listener.loadBalancerArn(), listener.listenerArn(), rule.ruleArn(), rule.actions());
    }

    /**
     * Records a problem unless the steering's forward action targets exactly the two slots' target groups
     * ({@code bothRequired}), or only them (a test listener may point at one slot).
     */
    void checkForward(String field, Steering steering, String blueTg, String greenTg, boolean bothRequired) {
        Action forward = ForwardActions.find(steering.actions());
        String slots = "the blue target group " + blueTg + " and the green target group " + greenTg;
        if (forward == null) {
            problems.add("The " + steering.describe() + " (" + field + ") does not forward to target groups (its "
                    + "actions are " + steering.actions().stream().map(Action::typeAsString).toList()
                    + "): make it forward to " + slots + ".");
            return;
        }
        Map<String, Integer> weights = ForwardActions.weights(forward);
        Set<String> pair = Set.of(blueTg, greenTg);
        boolean fits = bothRequired ? weights.keySet().equals(pair) : pair.containsAll(weights.keySet());
        if (!fits) {
            problems.add("The " + steering.describe() + " (" + field + ") forwards to "
                    + String.join(", ", weights.keySet()) + "; it must forward "
                    + (bothRequired ? "to exactly " : "only to ") + slots
                    + ": edit its forward action to list both (weights 100 and 0 send everything to one slot).");
        } else if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            problems.add("The " + steering.describe() + " (" + field + ") gives both target groups weight 0, so"
                    + " it sends no traffic: give the live slot weight 100.");
        }
    }

    private Listener listener(String field, ListenerConfig config) {
        if (config.arn() != null) {
            var reply = problems.read(() -> AwsErrors.call("elasticloadbalancing:DescribeListeners",
                    "listener " + config.arn(), field + ".arn",
                    () -> elb.describeListeners(b -> b.listenerArns(config.arn()))));
            return reply == null || reply.listeners().isEmpty() ? null : reply.listeners().get(0);
        }
        if (config.loadBalancer() == null || config.port() == null) {
            problems.add(field + " does not name a listener: set " + field + ".arn, or both " + field
                    + ".loadBalancer and " + field + ".port.");
            return null;
        }
        String lbArn = loadBalancerArn(field, config.loadBalancer());
        if (lbArn == null) {
            return null;
        }
        // The production and test listeners usually share a load balancer: list its listeners once.
        if (!listenersByLoadBalancer.containsKey(lbArn)) {
            listenersByLoadBalancer.put(lbArn, problems.read(() -> AwsErrors.call(
                    "elasticloadbalancing:DescribeListeners", "load balancer " + lbArn, field + ".loadBalancer",
                    () -> elb.describeListenersPaginator(b -> b.loadBalancerArn(lbArn)).listeners().stream()
                            .toList())));
        }
        List<Listener> listeners = listenersByLoadBalancer.get(lbArn);
        if (listeners == null) {
            return null;
        }
        return listeners.stream().filter(l -> config.port().equals(l.port())).findFirst().orElseGet(() -> {
            problems.add("Load balancer '" + config.loadBalancer() + "' has no listener on port " + config.port()
                    + " (" + field + ".port); its listeners are on ports " + listeners.stream()
                    .map(l -> String.valueOf(l.port())).collect(Collectors.joining(", ", "[", "]"))
                    + ": set " + field + ".port to one of them.");
            return null;
        });
    }

    private String loadBalancerArn(String field, String nameOrArn) {
        if (isArn(nameOrArn)) {
            return nameOrArn;
        }
        if (!loadBalancerArns.containsKey(nameOrArn)) {
            attachedLoadBalancers.stream().filter(arn -> nameOrArn.equals(loadBalancerName(arn))).findFirst()
                    .ifPresent(arn -> loadBalancerArns.put(nameOrArn, arn));
        }
        if (!loadBalancerArns.containsKey(nameOrArn)) {
            var reply = problems.read(() -> AwsErrors.call("elasticloadbalancing:DescribeLoadBalancers",
                    "load balancer '" + nameOrArn + "'", field + ".loadBalancer",
                    () -> elb.describeLoadBalancers(b -> b.names(nameOrArn))));
            loadBalancerArns.put(nameOrArn, reply == null || reply.loadBalancers().isEmpty() ? null
                    : reply.loadBalancers().get(0).loadBalancerArn());
        }
        return loadBalancerArns.get(nameOrArn);
    }

    private Rule ruleByArn(String field, String ruleArn, String listenerArn) {
        var reply = problems.read(() -> AwsErrors.call("elasticloadbalancing:DescribeRules", "rule " + ruleArn,
                field + ".ruleArn", () -> elb.describeRules(b -> b.ruleArns(ruleArn))));
        if (reply == null || reply.rules().isEmpty()) {
            return null;
        }
        // A rule ARN is its listener's ARN with "listener-rule" for "listener" and the rule id appended.
        String owner = ruleArn.replaceFirst(":listener-rule/", ":listener/").replaceFirst("/[^/]+$", "");
        if (!owner.equals(listenerArn)) {
            problems.add("Rule " + ruleArn + " (" + field + ".ruleArn) belongs to listener " + owner + ", not to "
                    + listenerArn + ": use a rule of that listener, or point " + field + " at the rule's listener.");
            return null;
        }
        return reply.rules().get(0);
    }

    private Rule ruleByPriority(String field, Integer priority, String listenerArn) {
        List<Rule> rules = problems.read(() -> AwsErrors.call("elasticloadbalancing:DescribeRules",
                "listener " + listenerArn, field, () -> elb.describeRulesPaginator(b -> b.listenerArn(listenerArn))
                        .rules().stream().toList()));
        if (rules == null) {
            return null;
        }
        return rules.stream().filter(r -> String.valueOf(priority).equals(r.priority())).findFirst()
                .orElseGet(() -> {
                    problems.add("Listener " + listenerArn + " has no rule with priority " + priority + " ("
                            + field + ".rulePriority); its rules have priorities " + rules.stream()
                            .filter(r -> !Boolean.TRUE.equals(r.isDefault())).map(Rule::priority)
                            .collect(Collectors.joining(", ", "[", "]")) + ": set the priority of the rule to steer.");
                    return null;
                });
    }

    /**
     * The name in a load balancer's ARN ({@code arn:...:loadbalancer/app/<name>/<id>}); names are unique in an
     * account's region, as are the target groups that named the ARN.
     */
    static String loadBalancerName(String arn) {
        int at = arn.indexOf(":loadbalancer/");
        String[] parts = at < 0 ? new String[0] : arn.substring(at + ":loadbalancer/".length()).split("/");
        return parts.length == 3 ? parts[1] : null;
    }

    private static boolean isArn(String value) {
        return value.startsWith("arn:");
    }
}
