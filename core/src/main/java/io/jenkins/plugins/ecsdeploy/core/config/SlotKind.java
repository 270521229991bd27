package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What runs in a slot, and so what a deploy updates and what readiness means. */
public enum SlotKind {
    /** An ECS service registered in the slot's target group: today's default. */
    @JsonProperty("ecs")
    ECS,
    /** An App Runner service, reached through its own URL behind Route 53 weighted records. */
    @JsonProperty("appRunner")
    APP_RUNNER,
    /** Nothing to deploy: two endpoints already running; runs only move traffic (switch, canary, rollback). */
    @JsonProperty("none")
    NONE;

    /** As users write it in the YAML. */
    public String id() {
        return switch (this) {
            case ECS -> "ecs";
            case APP_RUNNER -> "appRunner";
            case NONE -> "none";
        };
    }
}
