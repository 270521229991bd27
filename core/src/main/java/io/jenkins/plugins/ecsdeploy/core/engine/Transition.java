package io.jenkins.plugins.ecsdeploy.core.engine;

import java.time.Instant;

/** A step of the state machine as it happened: when, from where to where, and why in words. */
public record Transition(Instant at, Phase from, Phase to, String reason) {
}
