package io.jenkins.plugins.ecsdeploy.core.memory;

import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The deployment lock of {@link InMemoryAws}: one holder, written and read back as the tag lock does, so that a run
 * takes, confirms, renews and releases it. Races between runs are the wire-level lock's tests.
 */
final class MemoryLock implements DeploymentLock {

    private final InMemoryAws aws;
    private LockHolder held;

    MemoryLock(InMemoryAws aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return InMemoryAws.LISTENER_ARN;
    }

    @Override
    public Optional<LockHolder> current() {
        aws.record("DescribeTags");
        return Optional.ofNullable(held);
    }

    @Override
    public LockHolder acquire(LockHolder wanted, Instant now) {
        Optional<LockHolder> current = current();
        if (current.isPresent() && !current.get().sameDeployment(wanted) && !current.get().isExpired(now)) {
            throw new LockHeldException("Another deployment holds the lock: " + current.get().describe() + ".",
                    current.get());
        }
        return write(wanted);
    }

    @Override
    public void confirm(LockHolder ours) {
        if (!current().equals(Optional.of(ours))) {
            throw new LockHeldException("Lost the race for the deployment lock.", held);
        }
    }

    @Override
    public LockHolder renew(LockHolder ours, Instant now, Duration ttl) {
        if (Duration.between(now, ours.expires()).compareTo(ttl.dividedBy(2)) > 0) {
            return ours;
        }
        if (!ours.sameDeployment(current().orElse(null))) {
            throw new LockHeldException("This run no longer holds the deployment lock.", held);
        }
        return write(ours.expiringAt(now.plus(ttl)));
    }

    @Override
    public boolean release(LockHolder ours) {
        if (!ours.sameDeployment(current().orElse(null))) {
            return false;
        }
        aws.record("RemoveTags");
        held = null;
        return true;
    }

    @Override
    public Optional<LockHolder> breakLock(String by, String reason, Instant now) {
        Optional<LockHolder> broken = current();
        aws.record("RemoveTags");
        held = null;
        return broken;
    }

    private LockHolder write(LockHolder holder) {
        aws.record("AddTags");
        held = holder;
        return holder;
    }
}
