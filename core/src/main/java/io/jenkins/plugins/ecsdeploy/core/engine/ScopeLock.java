package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Instant;
import java.util.Objects;

/**
 * An environment's deployment lock held by a scope around several runs (a Pipeline block holding one deployment
 * across steps and approvals), by the same protocol as a run's own ({@link DeploymentLock}): take it, confirm it
 * once the settle delay is over, renew it while the scope lives, release it at the scope's end. Runs inside the
 * scope act under it ({@link DeploymentEngine#useScopeLock}) and leave it held. Nothing here sleeps: the caller
 * comes back at {@link #confirmAt}.
 */
public final class ScopeLock {

    private final DeploymentLock lock;
    private final LockSettings settings;

    /**
     * @param lock the environment's lock, e.g. {@code AwsEngines.lock(config, clients)}
     * @param settings where the scope runs, the lock's TTL and settle delay
     */
    public ScopeLock(DeploymentLock lock, LockSettings settings) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Writes the lock for the scope. It is not the scope's until {@link #confirm} passed.
     *
     * @param scopeId names the scope in the lock and in messages, e.g. the build's deployment id
     * @throws io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException naming the run or scope holding it
     */
    public LockHolder acquire(String scopeId, String owner, Instant now) {
        return lock.acquire(LockHolder.forRun(scopeId, owner, settings.where(), now, settings.ttl()), now);
    }

    /** When {@link #confirm} may read the lock back: the settle delay after it was taken. */
    public Instant confirmAt(LockHolder held) {
        return held.since().plus(settings.settle());
    }

    /**
     * Reads the lock back once the settle delay is over.
     *
     * @throws IllegalStateException when called before {@link #confirmAt}
     * @throws io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException when another run took it meanwhile
     */
    public void confirm(LockHolder held, Instant now) {
        if (now.isBefore(confirmAt(held))) {
            throw new IllegalStateException("The lock of " + held.deploymentId() + " settles until "
                    + confirmAt(held) + "; confirm it then.");
        }
        lock.confirm(held);
    }

    /**
     * Pushes the expiry out when half the TTL is gone (no call otherwise); call it at least every TTL/2 while the
     * scope waits (at an approval, say).
     *
     * @return the lock as now stored
     * @throws io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException when it was broken and taken
     */
    public LockHolder renew(LockHolder held, Instant now) {
        return lock.renew(held, now, settings.ttl());
    }

    /** Releases the lock if the scope still holds it; returns whether it did. */
    public boolean release(LockHolder held) {
        return lock.release(held);
    }
}
