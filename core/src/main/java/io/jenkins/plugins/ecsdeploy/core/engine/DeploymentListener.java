package io.jenkins.plugins.ecsdeploy.core.engine;

/**
 * Hears what a deployment does, as it happens: the CLI prints it, the plugin writes it to the build log. Called on
 * the thread that runs {@link DeploymentEngine#advance}; must not throw.
 */
public interface DeploymentListener {

    /** The state machine moved to another phase. */
    void onTransition(DeploymentState state, Transition transition);

    /** Progress inside a phase worth one line in a log (waiting for tasks, a smoke check result, an interval). */
    default void onProgress(DeploymentState state, String message) {
    }

    DeploymentListener NONE = (state, transition) -> {
    };
}
