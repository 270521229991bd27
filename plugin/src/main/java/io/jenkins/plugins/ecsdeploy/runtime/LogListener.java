package io.jenkins.plugins.ecsdeploy.runtime;

import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import java.io.PrintStream;

/**
 * Writes a deployment's transitions to the build log, one line each, as a person reads them, and remembers
 * whether anything changed so the build is saved only when there is something new to show.
 */
final class LogListener implements DeploymentListener {

    private final PrintStream out;
    private final String environment;
    private volatile boolean changed;

    LogListener(PrintStream out, String environment) {
        this.out = out;
        this.environment = environment;
    }

    @Override
    public void onTransition(DeploymentState state, Transition t) {
        changed = true;
        out.println(Messages.LogListener_transition(environment, t.from(), t.to(), t.reason()));
    }

    @Override
    public void onProgress(DeploymentState state, String message) {
        out.println(Messages.LogListener_progress(environment, message));
    }

    /** True once since the last call if a transition happened. */
    boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }
}
