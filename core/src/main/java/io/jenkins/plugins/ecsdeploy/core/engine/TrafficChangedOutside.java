package io.jenkins.plugins.ecsdeploy.core.engine;

/**
 * Someone else changed the production split while this run was watching it. The run stops without writing,
 * because undoing another person's change could make things worse.
 */
final class TrafficChangedOutside extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrafficChangedOutside(String message) {
        super(message);
    }
}
