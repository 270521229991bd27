package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link DeploymentLock} kept in a tag on one AWS resource, in {@link LockTag}'s encoding. Subclasses read, write
 * and remove the tag on their kind of resource; the protocol is here.
 *
 * <p>See {@link DeploymentLock} for why the protocol reads back after a delay: tag writes overwrite
 * unconditionally, and between reading the tag and writing (or removing) it another writer can always slip in.
 */
public abstract class TagLock implements DeploymentLock {

    private final String resource;
    private final String key;
    private final String brokenKey;
    private final String preemptedKey;

    /**
     * @param resource what the tag is on, for messages
     * @param key the tag holding the lock
     * @param brokenKey the tag recording the last explicit break
     * @param preemptedKey the tag a pre-emptive rollback leaves for the run holding the lock
     */
    protected TagLock(String resource, String key, String brokenKey, String preemptedKey) {
        this.resource = resource;
        this.key = key;
        this.brokenKey = brokenKey;
        this.preemptedKey = preemptedKey;
    }

    /** All tags on the resource, in one read: release needs the lock and the pre-emption note together. */
    protected abstract Map<String, String> readTags();

    protected abstract void writeTag(String key, String value);

    /** Removes {@code keys} in one write. */
    protected abstract void removeTags(String... keys);

    private Optional<String> readTag(String key) {
        return Optional.ofNullable(readTags().get(key));
    }

    @Override
    public final String resource() {
        return resource;
    }

    @Override
    public Optional<LockHolder> current() {
        return readTag(key).map(LockTag::decode);
    }

    @Override
    public LockHolder acquire(LockHolder wanted, Instant now) {
        // Compare as stored: a long id is cut in the tag.
        LockHolder stored = LockTag.decode(LockTag.encode(wanted));
        Optional<LockHolder> held = current();
        if (held.isPresent() && !held.get().sameDeployment(stored) && !held.get().isExpired(now)) {
            throw new LockHeldException("Another deployment holds the lock on " + resource + ": "
                    + held.get().describe() + ". Wait for it to finish; if it is dead, break its lock with"
                    + " `ecs-deploy unlock -c <env.yaml> --force --reason \"...\"`"
                    + (held.get().expires() == null ? "." : " or wait until it expires."), held.get());
        }
        return write(wanted);
    }

    @Override
    public void confirm(LockHolder ours) {
        Optional<LockHolder> held = current();
        if (!held.equals(Optional.of(ours))) {
            throw lost(held, "Lost the race for the deployment lock on " + resource);
        }
    }

    @Override
    public LockHolder renew(LockHolder ours, Instant now, Duration ttl) {
        if (Duration.between(now, ours.expires()).compareTo(ttl.dividedBy(2)) > 0) {
            return ours;
        }
        Optional<LockHolder> held = current();
        if (held.isEmpty() || !held.get().sameDeployment(ours)) {
            throw lost(held, "This run no longer holds the deployment lock on " + resource);
        }
        return write(ours.expiringAt(now.plus(ttl)));
    }

    @Override
    public boolean release(LockHolder ours) {
        Map<String, String> tags = readTags();
        Optional<LockHolder> held = Optional.ofNullable(tags.get(key)).map(LockTag::decode);
        if (held.isEmpty() || !held.get().sameDeployment(ours)) {
            return false;
        }
        // The note of a rollback that pre-empted this run goes with its lock: it has been read.
        String note = tags.get(preemptedKey);
        if (note != null && LockTag.preemptionOf(note, ours).isPresent()) {
            removeTags(key, preemptedKey);
        } else {
            removeTags(key);
        }
        return true;
    }

    @Override
    public void markPreempted(LockHolder victim, String rollbackId, String by, String reason, Instant now) {
        writeTag(preemptedKey, LockTag.preemptionRecord(victim, now, rollbackId, by, reason));
    }

    @Override
    public Optional<String> preemption(LockHolder ours) {
        return readTag(preemptedKey).flatMap(note -> LockTag.preemptionOf(note, ours));
    }

    @Override
    public Optional<LockHolder> breakLock(String by, String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Breaking a deployment lock needs a reason, for whoever held it.");
        }
        Optional<LockHolder> held = current();
        if (held.isPresent()) {
            String record = LockTag.brokenRecord(by == null ? "unknown" : by, now, held.get(), reason.strip());
            writeTag(brokenKey, record);
            removeTags(key);
        }
        return held;
    }

    private LockHolder write(LockHolder holder) {
        String value = LockTag.encode(holder);
        writeTag(key, value);
        return LockTag.decode(value);
    }

    private LockHeldException lost(Optional<LockHolder> held, String what) {
        String now = held.map(h -> "; it is now held by " + h.describe()).orElse("; nobody holds it now");
        return new LockHeldException(what + now + ". Stopping before any further change.", held.orElse(null));
    }
}
