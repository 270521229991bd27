package io.jenkins.plugins.ecsdeploy.action;

import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.ecsdeploy.runtime.DeploymentRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * Advances a rollback started from a build's page on Jenkins' shared timer, one short engine step at a time, so
 * no request thread or executor waits for ECS. Progress shows on the build's deployment page as the record grows.
 */
final class RollbackDriver implements Runnable {

    private static final Logger LOGGER = Logger.getLogger(RollbackDriver.class.getName());
    /**
     * Deployments being driven in this JVM. Reloading a job from disk loads its builds again as new objects, each
     * calling {@code onLoad}; without this a second driver would advance the same rollback.
     */
    private static final Set<String> ACTIVE = ConcurrentHashMap.newKeySet();

    private final DeploymentRun deployment;
    private final Run<?, ?> run;

    private RollbackDriver(DeploymentRun deployment, Run<?, ?> run) {
        this.deployment = deployment;
        this.run = run;
    }

    /** Starts driving the deployment unless this JVM already drives it. */
    static void drive(DeploymentRun deployment, Run<?, ?> run) {
        if (ACTIVE.add(deployment.getId())) {
            PendingRollbacks.add(run);
            new RollbackDriver(deployment, run).schedule(0);
        }
    }

    private void schedule(long delayMillis) {
        // The timer only waits; the engine step runs on a pooled thread, never holding one of the timer's few.
        Timer.get().schedule(() -> Computer.threadPoolForRemoting.submit(this), Math.max(0, delayMillis),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            Instant next = deployment.advance(run, TaskListener.NULL);
            if (next != null) {
                schedule(Duration.between(Instant.now(), next).toMillis());
            } else {
                ended();
            }
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "Rollback " + deployment.getId() + " on " + run + " stopped", e);
            DeploymentAction.forRun(run).markStopped(deployment.getId());
            ended();
        }
    }

    private void ended() {
        ACTIVE.remove(deployment.getId());
        PendingRollbacks.remove(run);
    }
}
