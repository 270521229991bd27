package io.jenkins.plugins.ecsdeploy.action;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import io.jenkins.plugins.ecsdeploy.runtime.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Advances a rollback started from a build's page one short engine step at a time on the shared step pool, woken by
 * Jenkins' timer, so no request thread or executor waits for ECS. Progress shows on the build's deployment page as the record grows.
 */
final class RollbackDriver {

    private static final Logger LOGGER = Logger.getLogger(RollbackDriver.class.getName());
    /**
     * Deployments being driven in this JVM. Reloading a job from disk loads its builds again as new objects, each
     * calling {@code onLoad}; without this a second driver would advance the same rollback.
     */
    private static final Set<String> ACTIVE = ConcurrentHashMap.newKeySet();

    private final DeploymentRun deployment;
    private final Run<?, ?> run;

    private final Ticker ticker = new Ticker(this::step);

    private RollbackDriver(DeploymentRun deployment, Run<?, ?> run) {
        this.deployment = deployment;
        this.run = run;
    }

    /** Starts driving the deployment unless this JVM already drives it. */
    static void drive(DeploymentRun deployment, Run<?, ?> run) {
        if (ACTIVE.add(deployment.getId())) {
            PendingRollbacks.add(run);
            new RollbackDriver(deployment, run).ticker.wake();
        }
    }

    /** One engine step on the shared step pool; never throws, so the rollback always ends recorded. */
    private long step() {
        try {
            Instant next = deployment.advance(run, TaskListener.NULL);
            if (next != null) {
                return Math.max(0, Duration.between(Instant.now(), next).toMillis());
            }
        } catch (Throwable e) {
            LOGGER.log(Level.WARNING, "Rollback " + deployment.getId() + " on " + run + " stopped", e);
            DeploymentAction.forRun(run).markStopped(deployment.getId());
        }
        ACTIVE.remove(deployment.getId());
        PendingRollbacks.remove(run);
        return -1;
    }
}
