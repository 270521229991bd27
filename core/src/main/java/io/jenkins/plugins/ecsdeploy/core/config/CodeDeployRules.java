package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules for an environment deployed by CodeDeploy: the application and group, the container port, the hooks, and
 * that nothing read from the deployment group (cluster, slots, listeners) is repeated. Whether the group exists and
 * fits is the preflight's job.
 */
final class CodeDeployRules {

    /** CodeDeploy's names (application, group, config): 1 to 100 characters. */
    private static final int MAX_NAME = 100;
    static final Pattern LAMBDA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?");
    static final Pattern LAMBDA_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9$_-]{1,128})?");

    private CodeDeployRules() {
    }

    static void check(EnvironmentConfig c, List<ConfigProblem> out) {
        CodeDeployConfig d = c.codeDeploy();
        String readFromGroup = "given together with codeDeploy: the cluster, service, target groups and listeners"
                + " are read from the deployment group; remove ";
        if (c.route53() != null) {
            out.add(new ConfigProblem("route53", "given together with codeDeploy: CodeDeploy shifts traffic on the"
                    + " deployment group's listener; remove one of them"));
        }
        if (!isBlank(c.cluster())) {
            out.add(new ConfigProblem("cluster", readFromGroup + "cluster"));
        }
        if (c.slots() != null) {
            out.add(new ConfigProblem("slots", readFromGroup + "slots"));
        }
        if (c.listener() != null) {
            out.add(new ConfigProblem("listener", readFromGroup + "listener"));
        }
        if (c.testListener() != null) {
            out.add(new ConfigProblem("testListener", readFromGroup + "testListener (the group's test listener is"
                    + " used when it has one)"));
        }
        name("codeDeploy.application", d.application(), true, "the CodeDeploy application's name", out);
        name("codeDeploy.deploymentGroup", d.deploymentGroup(), true, "the deployment group's name", out);
        name("codeDeploy.deploymentConfig", d.deploymentConfig(), false, null, out);
        if (d.containerPort() == null) {
            out.add(new ConfigProblem("codeDeploy.containerPort", "missing: give the port of container "
                    + quote(c.container()) + " that the target groups forward to, e.g. 8080"));
        } else if (d.containerPort() < 1 || d.containerPort() > 65535) {
            out.add(new ConfigProblem("codeDeploy.containerPort", d.containerPort() + " is not a port: use 1 to"
                    + " 65535"));
        }
        for (Map.Entry<String, String> hook : d.hooks().entrySet()) {
            checkHook(hook.getKey(), hook.getValue(), out);
        }
    }

    private static void name(String field, String value, boolean required, String what, List<ConfigProblem> out) {
        if (isBlank(value)) {
            if (required) {
                out.add(new ConfigProblem(field, "missing: give " + what));
            }
        } else if (value.length() > MAX_NAME) {
            out.add(new ConfigProblem(field, "longer than CodeDeploy's " + MAX_NAME + " characters"));
        }
    }

    private static void checkHook(String event, String function, List<ConfigProblem> out) {
        String field = "codeDeploy.hooks." + event;
        if (!CodeDeployConfig.HOOK_EVENTS.contains(event)) {
            out.add(new ConfigProblem("codeDeploy.hooks", quote(event) + " is not a lifecycle event of an ECS"
                    + " deployment: use one of " + String.join(", ", CodeDeployConfig.HOOK_EVENTS)));
        } else if (isBlank(function)) {
            out.add(new ConfigProblem(field, "missing: give the Lambda function's name or ARN"));
        } else if (!LAMBDA_NAME.matcher(function).matches() && !LAMBDA_ARN.matcher(function).matches()) {
            out.add(new ConfigProblem(field, quote(function) + " is not a Lambda function name or ARN: write it"
                    + " like shop-smoke-test or arn:aws:lambda:eu-west-1:123456789012:function:shop-smoke-test"));
        }
    }
}
