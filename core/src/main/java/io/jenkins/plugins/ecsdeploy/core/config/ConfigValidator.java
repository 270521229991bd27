package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a configuration before anything is asked of AWS, and reports every problem at once, each naming its
 * field and what would be valid. Only what can be known without AWS is checked: whether the resources exist is
 * the preflight's job.
 */
public final class ConfigValidator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern TARGET_GROUP_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    private ConfigValidator() {
    }

    /** @return every problem found; empty when the configuration may be used */
    public static List<ConfigProblem> validate(EnvironmentConfig c) {
        List<ConfigProblem> out = new ArrayList<>();
        if (c == null) {
            out.add(new ConfigProblem(ConfigLoader.DOCUMENT, "no configuration given"));
            return out;
        }
        checkName(c.name(), out);
        String region = checkRegion(c.region(), out);
        checkEndpoint(c.endpointUrl(), out);
        if (c.ecsNative() != null) {
            EcsNativeRules.check(c, out);
            checkCluster(c.cluster(), region, out);
            checkContainer(c.container(), out);
            checkService("ecsNative.service", c.ecsNative().service(), region, out);
        } else if (c.codeDeploy() != null) {
            CodeDeployRules.check(c, out);
            checkContainer(c.container(), out);
        } else if (c.steeredByDns()) {
            Route53Rules.check(c, out);
            SlotKindRules.checkDns(c.slots(), region, out);
        } else {
            checkCluster(c.cluster(), region, out);
            checkContainer(c.container(), out);
            SlotKindRules.checkAlb(c.slots(), out);
            checkSlots(c.slots(), region, out);
            ListenerRules.check(c.listener(), c.testListener(), region, out);
        }
        HealthRules.check(c.health(), out);
        SmokeCheckRules.check(c.smokeChecks(), c.slotKind(), out);
        AnalysisRules.check(c.analysis(), out);
        if (c.slotKind() == SlotKind.APP_RUNNER) {
            AppRunnerMetricRules.check(c.analysis(), out);
        }
        return out;
    }

    /** @throws InvalidConfigException with all problems, when there is any */
    public static void requireValid(EnvironmentConfig c) {
        List<ConfigProblem> problems = validate(c);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(c == null || isBlank(c.name()) ? null : "environment " + c.name(),
                    problems);
        }
    }

    private static void checkName(String name, List<ConfigProblem> out) {
        if (isBlank(name)) {
            out.add(new ConfigProblem("name", "missing: give the environment a short name, e.g. shop-production"));
        } else if (!NAME.matcher(name).matches()) {
            out.add(new ConfigProblem("name", quote(name) + " is not a valid name: use 1 to 64 letters, digits, "
                    + "'.', '_' or '-'"));
        }
    }

    /** @return the region when it is valid, for comparing with the regions of ARNs; else null */
    private static String checkRegion(String region, List<ConfigProblem> out) {
        if (isBlank(region)) {
            out.add(new ConfigProblem("region", "missing: set the AWS region, e.g. eu-west-1"));
            return null;
        }
        if (!REGION.matcher(region).matches()) {
            out.add(new ConfigProblem("region", quote(region) + " is not an AWS region: write it like eu-west-1 "
                    + "or us-gov-west-1"));
            return null;
        }
        return region;
    }

    private static void checkEndpoint(String endpointUrl, List<ConfigProblem> out) {
        if (ValueRules.hasCredentials(endpointUrl)) {
            out.add(new ConfigProblem("endpointUrl", "contains credentials (user:password@); they would be shown in "
                    + "logs: use a URL without them (AWS credentials come from the usual provider chain)"));
        } else if (endpointUrl != null && !ValueRules.isHttpUrl(endpointUrl)) {
            out.add(new ConfigProblem("endpointUrl", quote(endpointUrl) + " is not an absolute http(s) URL: write "
                    + "it like http://127.0.0.1:5000, or leave it out for AWS itself"));
        }
    }

    private static void checkCluster(String cluster, String region, List<ConfigProblem> out) {
        if (isBlank(cluster)) {
            out.add(new ConfigProblem("cluster", "missing: set the ECS cluster's name or ARN"));
        } else if (ArnRules.looksLikeArn(cluster)) {
            ArnRules.check(cluster, ArnRules.Kind.ECS_CLUSTER, region)
                    .ifPresent(m -> out.add(new ConfigProblem("cluster", m)));
        } else if (!ECS_NAME.matcher(cluster).matches()) {
            out.add(new ConfigProblem("cluster", quote(cluster) + " is not a cluster name: use up to 255 letters, "
                    + "digits, '_' or '-', or the cluster's ARN"));
        }
    }

    private static void checkContainer(String container, List<ConfigProblem> out) {
        if (isBlank(container)) {
            out.add(new ConfigProblem("container", "missing: name the container, in the task definition, whose "
                    + "image is replaced"));
        } else if (!ECS_NAME.matcher(container).matches()) {
            out.add(new ConfigProblem("container", quote(container) + " is not a container name: use up to 255 "
                    + "letters, digits, '_' or '-'"));
        }
    }

    private static void checkSlots(SlotsConfig slots, String region, List<ConfigProblem> out) {
        if (slots == null) {
            out.add(new ConfigProblem("slots", "missing: set slots.blue and slots.green, each with a service and "
                    + "a targetGroup"));
            return;
        }
        SlotConfig blue = slots.blue();
        SlotConfig green = slots.green();
        checkSlotPresent("slots.blue", blue, out);
        checkSlotPresent("slots.green", green, out);
        Optional<String> blueService = blue == null ? Optional.empty()
                : checkService("slots.blue.service", blue.service(), region, out);
        Optional<String> greenService = green == null ? Optional.empty()
                : checkService("slots.green.service", green.service(), region, out);
        Optional<String> blueGroup = blue == null ? Optional.empty()
                : checkTargetGroup("slots.blue.targetGroup", blue.targetGroup(), region, out);
        Optional<String> greenGroup = green == null ? Optional.empty()
                : checkTargetGroup("slots.green.targetGroup", green.targetGroup(), region, out);
        if (blueService.isPresent() && blueService.equals(greenService)) {
            out.add(new ConfigProblem("slots.green.service", "the same service as slots.blue.service ("
                    + quote(blueService.get()) + "): blue and green need separate ECS services"));
        }
        if (blueGroup.isPresent() && blueGroup.equals(greenGroup)) {
            out.add(new ConfigProblem("slots.green.targetGroup", "the same target group as slots.blue.targetGroup ("
                    + quote(blueGroup.get()) + "): blue and green need separate target groups"));
        }
    }

    private static void checkSlotPresent(String field, SlotConfig slot, List<ConfigProblem> out) {
        if (slot == null) {
            out.add(new ConfigProblem(field, "missing: set " + field + ".service and " + field + ".targetGroup"));
        }
    }

    /** @return the service's name, when valid, for comparing the two slots */
    private static Optional<String> checkService(String field, String service, String region,
            List<ConfigProblem> out) {
        if (isBlank(service)) {
            out.add(new ConfigProblem(field, "missing: set the ECS service's name or ARN"));
            return Optional.empty();
        }
        if (ArnRules.looksLikeArn(service)) {
            Optional<String> problem = ArnRules.check(service, ArnRules.Kind.ECS_SERVICE, region);
            problem.ifPresent(m -> out.add(new ConfigProblem(field, m)));
            return problem.isPresent() ? Optional.empty() : ArnRules.parse(service).map(ArnRules.Arn::lastName);
        }
        if (!ECS_NAME.matcher(service).matches()) {
            out.add(new ConfigProblem(field, quote(service) + " is not a service name: use up to 255 letters, "
                    + "digits, '_' or '-', or the service's ARN"));
            return Optional.empty();
        }
        return Optional.of(service);
    }

    /** @return the target group's name, when valid, for comparing the two slots */
    private static Optional<String> checkTargetGroup(String field, String targetGroup, String region,
            List<ConfigProblem> out) {
        if (isBlank(targetGroup)) {
            out.add(new ConfigProblem(field, "missing: set the target group's name or ARN"));
            return Optional.empty();
        }
        if (ArnRules.looksLikeArn(targetGroup)) {
            Optional<String> problem = ArnRules.check(targetGroup, ArnRules.Kind.TARGET_GROUP, region);
            problem.ifPresent(m -> out.add(new ConfigProblem(field, m)));
            return problem.isPresent() ? Optional.empty() : ArnRules.parse(targetGroup).map(ArnRules.Arn::elbName);
        }
        if (!TARGET_GROUP_NAME.matcher(targetGroup).matches()) {
            out.add(new ConfigProblem(field, quote(targetGroup) + " is not a target group name: use 1 to 32 "
                    + "letters, digits or '-', not starting or ending with '-'; or the target group's ARN"));
            return Optional.empty();
        }
        return Optional.of(targetGroup);
    }
}
