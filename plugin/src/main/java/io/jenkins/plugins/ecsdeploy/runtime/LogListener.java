package io.jenkins.plugins.ecsdeploy.runtime;

import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a deployment's transitions to the build log, one line each, as a person reads them, and remembers whether
 * anything changed so the build is saved only when there is something new to show. Progress lines ("baking, 3m
 * left", "2 of 4 tasks ready") repeat at every poll; one is printed when it says something new (its words change)
 * or once a minute, so an hour's bake adds sixty lines, not thousands.
 */
final class LogListener implements DeploymentListener {

    static final Duration PROGRESS_EVERY = Duration.ofMinutes(1);

    private final PrintStream out;
    private final String environment;
    private final Clock clock;
    private volatile boolean changed;
    private String lastShape;
    private Instant lastProgress = Instant.MIN;

    LogListener(PrintStream out, String environment) {
        this(out, environment, Clock.systemUTC());
    }

    LogListener(PrintStream out, String environment, Clock clock) {
        this.out = out;
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public synchronized void onTransition(DeploymentState state, Transition t) {
        changed = true;
        lastShape = null;
        out.println(Messages.LogListener_transition(environment, t.from(), t.to(), t.reason()));
    }

    @Override
    public synchronized void onProgress(DeploymentState state, String message) {
        // Numbers change at every poll (time left, counts); the words say whether anything else did.
        String shape = message.replaceAll("[0-9.,:]+", "#");
        Instant now = clock.instant();
        if (shape.equals(lastShape) && now.isBefore(lastProgress.plus(PROGRESS_EVERY))) {
            return;
        }
        lastShape = shape;
        lastProgress = now;
        out.println(Messages.LogListener_progress(environment, message));
    }

    /** True once since the last call if a transition happened. */
    boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }
}
