package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for the production and test listeners: each names one listener (by ARN, or load balancer and port) and
 * at most one rule, and the test listener must not steer what production traffic uses.
 */
final class ListenerRules {

    static final int MAX_RULE_PRIORITY = 50_000;
    private static final Pattern LOAD_BALANCER_NAME =
            Pattern.compile("(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    private ListenerRules() {
    }

    static void check(ListenerConfig listener, ListenerConfig testListener, String region, List<ConfigProblem> out) {
        if (listener == null) {
            out.add(new ConfigProblem("listener", "missing: set listener.arn, or listener.loadBalancer and "
                    + "listener.port"));
        } else {
            checkOne("listener", listener, region, out);
        }
        if (testListener != null) {
            checkOne("testListener", testListener, region, out);
            if (listener != null && steerSameTraffic(listener, testListener)) {
                out.add(new ConfigProblem("testListener", "steers the same listener and rule as listener; the test "
                        + "listener must be another listener (port) or another rule, so that it reaches only the "
                        + "idle slot"));
            }
        }
    }

    private static void checkOne(String field, ListenerConfig l, String region, List<ConfigProblem> out) {
        if (l.arn() != null) {
            checkListenerArn(field, l, region, out);
        } else {
            checkLoadBalancerAndPort(field, l, region, out);
        }
        if (l.ruleArn() != null && l.rulePriority() != null) {
            out.add(new ConfigProblem(field + ".ruleArn", "give either ruleArn or rulePriority, not both"));
        }
        if (l.rulePriority() != null && (l.rulePriority() < 1 || l.rulePriority() > MAX_RULE_PRIORITY)) {
            out.add(new ConfigProblem(field + ".rulePriority", l.rulePriority() + " is not a rule priority: use 1.."
                    + MAX_RULE_PRIORITY));
        }
        if (l.ruleArn() != null) {
            checkRuleArn(field, l, region, out);
        }
    }

    private static void checkListenerArn(String field, ListenerConfig l, String region, List<ConfigProblem> out) {
        if (l.loadBalancer() != null || l.port() != null) {
            out.add(new ConfigProblem(field + ".arn", "give either arn, or loadBalancer and port, not both"));
        }
        ArnRules.check(l.arn(), ArnRules.Kind.LISTENER, region)
                .ifPresent(m -> out.add(new ConfigProblem(field + ".arn", m)));
    }

    private static void checkLoadBalancerAndPort(String field, ListenerConfig l, String region,
            List<ConfigProblem> out) {
        if (l.loadBalancer() == null && l.port() == null) {
            out.add(new ConfigProblem(field, "missing: set " + field + ".arn, or " + field + ".loadBalancer and "
                    + field + ".port"));
            return;
        }
        if (isBlank(l.loadBalancer())) {
            out.add(new ConfigProblem(field + ".loadBalancer", "missing: with port, set the load balancer's name "
                    + "or ARN (or give the listener's arn instead)"));
        } else if (ArnRules.looksLikeArn(l.loadBalancer())) {
            ArnRules.check(l.loadBalancer(), ArnRules.Kind.LOAD_BALANCER, region)
                    .ifPresent(m -> out.add(new ConfigProblem(field + ".loadBalancer", m)));
        } else if (!LOAD_BALANCER_NAME.matcher(l.loadBalancer()).matches()) {
            out.add(new ConfigProblem(field + ".loadBalancer", quote(l.loadBalancer()) + " is not a load balancer "
                    + "name: use 1 to 32 letters, digits or '-', not starting or ending with '-' nor starting with "
                    + "'internal-'; or the load balancer's ARN"));
        }
        if (l.port() == null) {
            out.add(new ConfigProblem(field + ".port", "missing: with loadBalancer, set the listener's port"));
        } else if (l.port() < 1 || l.port() > 65_535) {
            out.add(new ConfigProblem(field + ".port", l.port() + " is not a port: use 1..65535"));
        }
    }

    private static void checkRuleArn(String field, ListenerConfig l, String region, List<ConfigProblem> out) {
        Optional<String> problem = ArnRules.check(l.ruleArn(), ArnRules.Kind.LISTENER_RULE, region);
        problem.ifPresent(m -> out.add(new ConfigProblem(field + ".ruleArn", m)));
        boolean listenerValid = l.arn() != null && ArnRules.check(l.arn(), ArnRules.Kind.LISTENER, region).isEmpty();
        if (problem.isEmpty() && listenerValid) {
            String ruleListener = listenerOfRule(l.ruleArn());
            String listenerResource = l.arn().substring(l.arn().indexOf(":listener/") + 1);
            if (!ruleListener.equals(listenerResource)) {
                out.add(new ConfigProblem(field + ".ruleArn", "the rule belongs to " + quote(ruleListener)
                        + ", not to the listener in " + field + ".arn; use a rule of that listener"));
            }
        }
    }

    /** {@code listener-rule/app/LB/ID/LISTENER/RULE} names its listener as {@code listener/app/LB/ID/LISTENER}. */
    private static String listenerOfRule(String ruleArn) {
        String resource = ruleArn.substring(ruleArn.indexOf(":listener-rule/") + 1);
        return "listener/" + resource.substring("listener-rule/".length(), resource.lastIndexOf('/'));
    }

    private static boolean steerSameTraffic(ListenerConfig production, ListenerConfig test) {
        if (production.ruleArn() != null && production.ruleArn().equals(test.ruleArn())) {
            return true;
        }
        String productionListener = listenerKey(production);
        String testListener = listenerKey(test);
        if (productionListener == null || !productionListener.equals(testListener)) {
            return false;
        }
        return Objects.equals(production.ruleArn(), test.ruleArn())
                && Objects.equals(production.rulePriority(), test.rulePriority());
    }

    /** The listener as written, or null when it cannot be told from the configuration alone. */
    private static String listenerKey(ListenerConfig l) {
        if (l.arn() != null) {
            return l.arn();
        }
        return l.loadBalancer() == null ? null : l.loadBalancer() + ":" + l.port();
    }
}
