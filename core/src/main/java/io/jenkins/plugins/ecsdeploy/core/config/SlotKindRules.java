package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules for the slots of an environment steered by Route 53: App Runner services, or nothing (kind none) with an
 * optional health URL each. ECS slots behind an ALB are {@link ConfigValidator}'s own.
 */
final class SlotKindRules {

    private static final Pattern APP_RUNNER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{3,39}");

    private SlotKindRules() {
    }

    /** An ALB environment runs ECS slots only. */
    static void checkAlb(SlotsConfig slots, List<ConfigProblem> out) {
        if (slots != null && slots.kind() != SlotKind.ECS) {
            out.add(new ConfigProblem("slots.kind", slots.kind().id() + " slots need traffic steered by Route 53"
                    + " weighted records: add route53 (and remove listener), or use kind ecs"));
        }
    }

    static void checkDns(SlotsConfig slots, String region, List<ConfigProblem> out) {
        SlotKind kind = slots == null ? SlotKind.ECS : slots.kind();
        if (kind == SlotKind.ECS) {
            out.add(new ConfigProblem("slots.kind", (slots == null ? "missing" : "ecs") + ": behind Route 53"
                    + " weighted records this release runs slots of kind appRunner (two App Runner services) or none"
                    + " (two endpoints already running; runs only move traffic); set slots.kind"));
            return;
        }
        for (Slot slot : Slot.values()) {
            SlotConfig one = slots.get(slot);
            String field = "slots." + slot.id();
            if (kind == SlotKind.APP_RUNNER) {
                checkAppRunner(field, one, region, out);
            } else if (one != null) {
                checkNone(field, one, out);
            }
        }
        if (kind == SlotKind.APP_RUNNER && slots.blue() != null && slots.green() != null
                && !isBlank(slots.blue().service()) && slots.blue().service().equals(slots.green().service())) {
            out.add(new ConfigProblem("slots.green.service", "the same App Runner service as slots.blue.service:"
                    + " blue and green need separate services"));
        }
    }

    private static void checkAppRunner(String field, SlotConfig slot, String region, List<ConfigProblem> out) {
        if (slot == null || isBlank(slot.service())) {
            out.add(new ConfigProblem(field + ".service", "missing: give the slot's App Runner service name or ARN"));
            return;
        }
        if (slot.targetGroup() != null) {
            out.add(new ConfigProblem(field + ".targetGroup", "App Runner slots have no target group: remove it"));
        }
        if (slot.healthUrl() != null) {
            out.add(new ConfigProblem(field + ".healthUrl", "App Runner slots are checked at their service URL:"
                    + " remove healthUrl, and add smokeChecks for more"));
        }
        String service = slot.service();
        if (ArnRules.looksLikeArn(service)) {
            ArnRules.check(service, ArnRules.Kind.APP_RUNNER_SERVICE, region)
                    .ifPresent(m -> out.add(new ConfigProblem(field + ".service", m)));
        } else if (!APP_RUNNER_NAME.matcher(service).matches()) {
            out.add(new ConfigProblem(field + ".service", quote(service) + " is not an App Runner service name:"
                    + " use 4 to 40 letters, digits, '_' or '-', starting with a letter or digit; or its ARN"));
        }
    }

    private static void checkNone(String field, SlotConfig slot, List<ConfigProblem> out) {
        if (slot.service() != null || slot.targetGroup() != null) {
            out.add(new ConfigProblem(field, "slots of kind none have no service or target group: give only"
                    + " healthUrl, or nothing"));
        }
        if (slot.healthUrl() != null) {
            if (ValueRules.hasCredentials(slot.healthUrl())) {
                out.add(new ConfigProblem(field + ".healthUrl", "contains credentials (user:password@); they would"
                        + " be shown in logs: use a URL without them"));
            } else if (!ValueRules.isHttpUrl(slot.healthUrl())) {
                out.add(new ConfigProblem(field + ".healthUrl", quote(slot.healthUrl()) + " is not an absolute"
                        + " http(s) URL: write it like https://blue.example.com/health"));
            }
        }
    }
}
