package io.jenkins.plugins.ecsdeploy.core.config;

/**
 * Where traffic is steered: a listener (by ARN, or by load balancer name and port) and, optionally, one of its
 * rules (by ARN or priority) instead of the listener's default action.
 */
public record ListenerConfig(String arn, String loadBalancer, Integer port, String ruleArn, Integer rulePriority) {

    public boolean steersRule() {
        return ruleArn != null || rulePriority != null;
    }
}
