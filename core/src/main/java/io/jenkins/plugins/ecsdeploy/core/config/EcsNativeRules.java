package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.List;

/**
 * Rules for an environment deployed by an ECS-native strategy: the strategy and its settings within ECS's limits,
 * settings only for the strategy they belong to, the approval hook's name, and that nothing read from the service
 * (slots, listeners) is repeated. Whether the service fits is the preflight's job.
 */
final class EcsNativeRules {

    /** ECS's limit on every bake time, in minutes. */
    static final int MAX_BAKE_MINUTES = 1440;

    private EcsNativeRules() {
    }

    static void check(EnvironmentConfig c, List<ConfigProblem> out) {
        EcsNativeConfig n = c.ecsNative();
        String fromService = "given together with ecsNative: the target groups and listener rules are read from the"
                + " service's loadBalancers[].advancedConfiguration; remove ";
        if (c.route53() != null || c.codeDeploy() != null) {
            out.add(new ConfigProblem(c.route53() != null ? "route53" : "codeDeploy", "given together with"
                    + " ecsNative: an environment is deployed one way; remove one of them"));
        }
        if (c.slots() != null) {
            out.add(new ConfigProblem("slots", fromService + "slots"));
        }
        if (c.listener() != null) {
            out.add(new ConfigProblem("listener", fromService + "listener"));
        }
        if (c.testListener() != null) {
            out.add(new ConfigProblem("testListener", fromService + "testListener (the service's testListenerRule is"
                    + " used when it has one)"));
        }
        checkStrategy(n, out);
        minutes("ecsNative.bakeTimeInMinutes", n.bakeTimeInMinutes(), out);
        if (n.canaryConfiguration() != null) {
            percent("ecsNative.canaryConfiguration.canaryPercent", n.canaryConfiguration().canaryPercent(), 0.1, out);
            minutes("ecsNative.canaryConfiguration.canaryBakeTimeInMinutes",
                    n.canaryConfiguration().canaryBakeTimeInMinutes(), out);
        }
        if (n.linearConfiguration() != null) {
            percent("ecsNative.linearConfiguration.stepPercent", n.linearConfiguration().stepPercent(), 3, out);
            minutes("ecsNative.linearConfiguration.stepBakeTimeInMinutes",
                    n.linearConfiguration().stepBakeTimeInMinutes(), out);
        }
        String hook = n.approvalHook();
        if (hook != null && !CodeDeployRules.LAMBDA_NAME.matcher(hook).matches()
                && !CodeDeployRules.LAMBDA_ARN.matcher(hook).matches()) {
            out.add(new ConfigProblem("ecsNative.approvalHook", quote(hook) + " is not a Lambda function name or"
                    + " ARN: write it like ecs-deploy-approval or"
                    + " arn:aws:lambda:eu-west-1:123456789012:function:ecs-deploy-approval"));
        }
    }

    private static void checkStrategy(EcsNativeConfig n, List<ConfigProblem> out) {
        String strategy = n.strategy();
        if (strategy == null) {
            if (n.canaryConfiguration() != null || n.linearConfiguration() != null) {
                out.add(new ConfigProblem("ecsNative.strategy", "missing while canaryConfiguration or"
                        + " linearConfiguration is given: set strategy to CANARY or LINEAR as well"));
            }
            return;
        }
        if ("ROLLING".equals(strategy)) {
            out.add(new ConfigProblem("ecsNative.strategy", "ROLLING is not run as a blue/green deployment: use"
                    + " BLUE_GREEN, CANARY or LINEAR, or describe the environment with two services (slots,"
                    + " listener) instead of ecsNative"));
            return;
        }
        if (!EcsNativeConfig.STRATEGIES.contains(strategy)) {
            out.add(new ConfigProblem("ecsNative.strategy", quote(strategy) + " is not an ECS strategy: use"
                    + " BLUE_GREEN, CANARY or LINEAR (upper case)"));
            return;
        }
        if (n.canaryConfiguration() != null && !"CANARY".equals(strategy)) {
            out.add(new ConfigProblem("ecsNative.canaryConfiguration", "given with strategy " + strategy
                    + ": it applies to CANARY only; remove it or set strategy CANARY"));
        }
        if (n.linearConfiguration() != null && !"LINEAR".equals(strategy)) {
            out.add(new ConfigProblem("ecsNative.linearConfiguration", "given with strategy " + strategy
                    + ": it applies to LINEAR only; remove it or set strategy LINEAR"));
        }
    }

    private static void percent(String field, Double value, double min, List<ConfigProblem> out) {
        if (value == null) {
            out.add(new ConfigProblem(field, "missing"));
        } else if (value < min || value > 100) {
            out.add(new ConfigProblem(field, value + " is outside ECS's range: use " + min + " to 100"));
        }
    }

    private static void minutes(String field, Integer value, List<ConfigProblem> out) {
        if (value != null && (value < 0 || value > MAX_BAKE_MINUTES)) {
            out.add(new ConfigProblem(field, value + " is outside ECS's range: use 0 to " + MAX_BAKE_MINUTES
                    + " minutes"));
        }
    }
}
