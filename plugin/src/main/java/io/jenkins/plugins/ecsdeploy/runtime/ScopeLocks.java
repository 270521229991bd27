package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.ScopeLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Instant;
import java.util.function.Function;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The AWS deployment lock an {@code ecsDeployment} block holds for its whole body, by core's {@link ScopeLock}
 * protocol: taken, confirmed after the settle delay, renewed while the body waits (at an {@code input}, say),
 * released at the end. Each call leases the shared clients for the call only. Runs on the step pool.
 */
@Restricted(NoExternalUse.class)
public final class ScopeLocks {

    private ScopeLocks() {
    }

    /** Takes the lock; the scope holds it once {@link #confirm} passed at {@link #confirmAt}. */
    public static LockHolder acquire(DeploymentScope scope, Run<?, ?> run, String owner) throws AbortException {
        return with(scope, run, lock -> lock.acquire(scope.getId(), owner, Instant.now()));
    }

    /** As {@link ScopeLock#confirmAt}: the settle delay after the lock was taken. */
    public static Instant confirmAt(Run<?, ?> run, LockHolder held) throws AbortException {
        return held.since().plus(EngineSession.lockSettings(run).settle());
    }

    public static void confirm(DeploymentScope scope, Run<?, ?> run, LockHolder held) throws AbortException {
        with(scope, run, lock -> {
            lock.confirm(held, Instant.now());
            return null;
        });
    }

    public static LockHolder renew(DeploymentScope scope, Run<?, ?> run, LockHolder held) throws AbortException {
        return with(scope, run, lock -> lock.renew(held, Instant.now()));
    }

    public static boolean release(DeploymentScope scope, Run<?, ?> run, LockHolder held) throws AbortException {
        return with(scope, run, lock -> lock.release(held));
    }

    private static <T> T with(DeploymentScope scope, Run<?, ?> run, Function<ScopeLock, T> action)
            throws AbortException {
        EnvironmentConfig config = scope.getTarget().config();
        try (AwsClientCache.Lease lease = AwsAccess.lease(scope.getTarget(), config, run, false)) {
            return action.apply(new ScopeLock(AwsEngines.lock(config, lease.clients()),
                    EngineSession.lockSettings(run)));
        }
    }
}
