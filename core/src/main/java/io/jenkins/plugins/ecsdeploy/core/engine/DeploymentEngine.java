package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsPorts;
import io.jenkins.plugins.ecsdeploy.core.aws.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.smoke.SmokeChecker;
import java.time.Instant;

/**
 * Advances deployments. Holds no state of its own: everything lives in {@link DeploymentState}, so any engine
 * built for the same environment can continue a saved state. Never sleeps: {@link #advance} does a short,
 * idempotent piece of work and says when to be called again.
 */
public final class DeploymentEngine {

    private final EnvironmentConfig config;
    private final EnvironmentResolver resolver;
    private final AwsPorts.Factory ports;
    private final SmokeChecker smoke;
    private final DeploymentListener listener;

    public DeploymentEngine(EnvironmentConfig config, EnvironmentResolver resolver, AwsPorts.Factory ports,
            SmokeChecker smoke, DeploymentListener listener) {
        this.config = config;
        this.resolver = resolver;
        this.ports = ports;
        this.smoke = smoke;
        this.listener = listener;
    }

    /**
     * Checks the request against the environment and creates the state of a new run. Calls no AWS API.
     *
     * @throws IllegalArgumentException naming the bad field and what would be valid
     */
    public DeploymentState start(DeploymentRequest request, String id, Instant now) {
        throw new UnsupportedOperationException("engine under construction");
    }

    /**
     * Does the next short piece of work and returns when to call again, or null when the run has finished (then
     * {@code state.getRecord().getOutcome()} says how). Safe to call again with a saved state after a crash.
     */
    public Instant advance(DeploymentState state, Instant now) {
        throw new UnsupportedOperationException("engine under construction");
    }

    /** Asks the run to stop: the next {@link #advance} rolls traffic back if it had moved, skipping all else. */
    public void requestAbort(DeploymentState state, String who, String reason) {
        throw new UnsupportedOperationException("engine under construction");
    }
}
