package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link DeploymentLock} kept in tags on one AWS resource, in {@link LockTag}'s encoding. Subclasses read, write
 * and remove tags on their kind of resource; the protocol is here.
 *
 * <p>Each run writes its hold under a key of its own ({@code <key>/<deployment id>}), so that no write or removal
 * can overwrite another run's. Taking the lock writes the run's key, without reading first; the confirmation,
 * after the settle delay, reads the tags once: the run holds the lock only if no other run's live key is there.
 * Otherwise it removes its own key and stops as locked out. No clock decides anything: of two runs, the one that
 * reads second reads after its own write, which followed the other's write or preceded the other's read; so it sees
 * the other's key, or the other sees its key, or both see both and both stop (runs that start in the same instant:
 * safe, and the message says to run again). Two runs never both hold the lock, whatever their clocks say and however
 * long a step takes, as long as a read shows every write that finished before it. A run that holds the lock ignores
 * other runs' keys on renewal: they are claims about to be withdrawn, as their runs see its key.
 *
 * <p>The release before this one read the tags before writing (failing at once on a live lock) and let the earliest
 * taker win at the confirmation. Against a run of that release this protocol is safe under that release's own
 * assumption: its read and write are less than the settle delay apart. If its read came before this run's write, its
 * write comes before this run's confirmation, which then sees it and stops; if its read came after, it sees this
 * run's key and stops at once. Releasing removes the run's own key without reading first: nothing but this run writes
 * that key.
 *
 * <p>An earlier release kept the lock in the single key {@code <key>}. A live value there is another run's hold, so
 * that a run of that release (on another controller, or resumed here from its saved state) is never overtaken; a run
 * resumed here holds by it, and removes it on release along with its own key.
 */
public abstract class TagLock implements DeploymentLock {

    /** Who holds a lock that several runs wrote: the earliest taker; an unreadable value (no time) first. */
    private static final Comparator<LockHolder> FIRST_TAKER = Comparator.comparing(LockHolder::since,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(LockHolder::deploymentId);

    private final String resource;
    private final String key;
    private final String holderPrefix;
    private final String brokenKey;
    private final String preemptedKey;
    /** The tags as last read by this instance, which lives for one step: what release may leave alone. */
    private Map<String, String> lastRead;

    /**
     * @param resource what the tag is on, for messages
     * @param key the single tag the previous release kept the lock in
     * @param holderPrefix how each run's own lock tag key starts, e.g. {@code key + "/"}
     * @param brokenKey the tag recording the last explicit break
     * @param preemptedKey the tag a pre-emptive rollback leaves for the run holding the lock
     */
    protected TagLock(String resource, String key, String holderPrefix, String brokenKey, String preemptedKey) {
        this.resource = resource;
        this.key = key;
        this.holderPrefix = holderPrefix;
        this.brokenKey = brokenKey;
        this.preemptedKey = preemptedKey;
    }

    /** All tags on the resource, in one read. */
    protected abstract Map<String, String> readTags();

    protected abstract void writeTag(String key, String value);

    /** Removes {@code keys} in one write; keys that are not there are no error. */
    protected abstract void removeTags(String... keys);

    /** The tag key of {@code deploymentId}'s own hold on the lock. */
    public final String holderKey(String deploymentId) {
        return LockTag.holderKey(holderPrefix, deploymentId, LockTag.MAX_KEY);
    }

    private Map<String, String> read() {
        lastRead = readTags();
        return lastRead;
    }

    @Override
    public final String resource() {
        return resource;
    }

    /**
     * The lock as stored now. With no clock to hand, a run's key that had lapsed when the newest key was written
     * counts as lapsed: that run died holding it and a later one took over.
     */
    @Override
    public Optional<LockHolder> current() {
        Map<String, String> tags = read();
        Instant newest = tags.entrySet().stream().filter(e -> isHolderKey(e.getKey()))
                .map(e -> LockTag.decode(e.getValue()).since()).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return holder(tags, newest);
    }

    /** Writes this run's key, without reading first: whether another run holds the lock is {@link #confirm}'s. */
    @Override
    public LockHolder acquire(LockHolder wanted, Instant now) {
        return write(wanted);
    }

    @Override
    public void confirm(LockHolder ours) {
        Map<String, String> tags = read();
        if (own(tags, ours) == null) {
            throw lost(holder(tags, ours.since()), "Lost the deployment lock on " + resource + " before it was"
                    + " confirmed: its tag is gone (broken by someone)");
        }
        // A lock that lapsed before ours was taken is no one's; the confirmation follows within the settle delay.
        Optional<LockHolder> other = other(tags, ours, ours.since());
        if (other.isPresent()) {
            String ownKey = holderKey(ours.deploymentId());
            removeTags(ownKey);
            lastRead = new HashMap<>(tags);
            lastRead.remove(ownKey);
            throw new LockHeldException(LockHeldException.heldByAnother(resource, other.get(), "This run withdrew its"
                    + " own claim and changed nothing.") + " Two runs that start in the same instant both stop this"
                    + " way: run again.", other.get());
        }
        List<String> lapsed = lapsedHolders(tags, ours.since());
        if (!lapsed.isEmpty()) {
            // Runs that died holding the lock leave their keys; the winner clears them once.
            removeTags(lapsed.toArray(String[]::new));
        }
    }

    @Override
    public LockHolder renew(LockHolder ours, Instant now, Duration ttl) {
        if (Duration.between(now, ours.expires()).compareTo(ttl.dividedBy(2)) > 0) {
            return ours;
        }
        Map<String, String> tags = read();
        // Another run's key beside ours is a claim that run withdraws at its confirmation; the single key of an
        // earlier release is not (that release does not look at ours).
        if (own(tags, ours) == null || earlierRelease(tags, ours, now).isPresent()) {
            throw lost(holder(tags, now), "This run no longer holds the deployment lock on " + resource);
        }
        return write(ours.expiringAt(now.plus(ttl)));
    }

    /**
     * Removes this run's key and the pre-emption note, in one call and without reading first. When this step read
     * the tags already (a lost race, a lock taken away) it leaves what belongs to another run; otherwise the note and
     * the previous release's key can only be this run's or stale, as no other run could hold the lock meanwhile.
     *
     * @return false when this step's read showed nothing of this run's to remove; true when the removal was sent
     */
    @Override
    public boolean release(LockHolder ours) {
        List<String> keys = new ArrayList<>(List.of(holderKey(ours.deploymentId())));
        String single = lastRead == null ? null : lastRead.get(key);
        if (lastRead == null || single != null && ours.sameDeployment(LockTag.decode(single))) {
            keys.add(key);
        }
        String note = lastRead == null ? null : lastRead.get(preemptedKey);
        if (lastRead == null || note != null && LockTag.preemptionOf(note, ours).isPresent()) {
            keys.add(preemptedKey);
        }
        if (lastRead != null) {
            keys.removeIf(k -> !lastRead.containsKey(k));
        }
        if (keys.isEmpty()) {
            return false;
        }
        removeTags(keys.toArray(String[]::new));
        return true;
    }

    @Override
    public void markPreempted(LockHolder victim, String rollbackId, String by, String reason, Instant now) {
        writeTag(preemptedKey, LockTag.preemptionRecord(victim, now, rollbackId, by, reason));
    }

    @Override
    public Optional<String> preemption(LockHolder ours) {
        return Optional.ofNullable(read().get(preemptedKey)).flatMap(note -> LockTag.preemptionOf(note, ours));
    }

    @Override
    public Optional<LockHolder> breakLock(String by, String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Breaking a deployment lock needs a reason, for whoever held it.");
        }
        Optional<LockHolder> held = current();
        Map<String, String> tags = lastRead;
        if (held.isPresent()) {
            String record = LockTag.brokenRecord(by == null ? "unknown" : by, now, held.get(), reason.strip());
            writeTag(brokenKey, record);
            List<String> keys = new ArrayList<>(tags.keySet().stream().filter(this::isHolderKey).toList());
            if (tags.containsKey(key)) {
                keys.add(key);
            }
            removeTags(keys.toArray(String[]::new));
        }
        return held;
    }

    /**
     * The lock as {@code tags} hold it at {@code now} (at any time when null): a value in the previous release's key
     * first, else the earliest taker among the runs' own keys.
     */
    private Optional<LockHolder> holder(Map<String, String> tags, Instant now) {
        String single = tags.get(key);
        if (single != null) {
            LockHolder legacy = LockTag.decode(single);
            if (now == null || !legacy.isExpired(now)) {
                return Optional.of(legacy);
            }
        }
        return tags.entrySet().stream().filter(e -> isHolderKey(e.getKey()))
                .map(e -> LockTag.decode(e.getValue())).filter(h -> now == null || !h.isExpired(now))
                .min(FIRST_TAKER);
    }

    /** This run's hold as {@code tags} keep it (its own key, or the earlier release's single key), or null. */
    private String own(Map<String, String> tags, LockHolder ours) {
        String value = tags.get(holderKey(ours.deploymentId()));
        if (value == null || !LockTag.decode(value).sameDeployment(ours)) {
            value = tags.get(key);
        }
        return value != null && LockTag.decode(value).sameDeployment(ours) ? value : null;
    }

    /**
     * Another run's live hold in {@code tags} at {@code now}: the earlier release's single key first, else the
     * earliest of the other runs' keys (the one named in messages).
     */
    private Optional<LockHolder> other(Map<String, String> tags, LockHolder ours, Instant now) {
        Optional<LockHolder> legacy = earlierRelease(tags, ours, now);
        if (legacy.isPresent()) {
            return legacy;
        }
        return tags.entrySet().stream().filter(e -> isHolderKey(e.getKey()))
                .map(e -> LockTag.decode(e.getValue())).filter(h -> !h.sameDeployment(ours) && !h.isExpired(now))
                .min(FIRST_TAKER);
    }

    /** A live hold of another run in the single key of an earlier release, which does not look at per-run keys. */
    private Optional<LockHolder> earlierRelease(Map<String, String> tags, LockHolder ours, Instant now) {
        String single = tags.get(key);
        if (single == null) {
            return Optional.empty();
        }
        LockHolder legacy = LockTag.decode(single);
        return legacy.sameDeployment(ours) || legacy.isExpired(now) ? Optional.empty() : Optional.of(legacy);
    }

    private List<String> lapsedHolders(Map<String, String> tags, Instant now) {
        return tags.entrySet().stream()
                .filter(e -> isHolderKey(e.getKey()) && LockTag.decode(e.getValue()).isExpired(now))
                .map(Map.Entry::getKey).toList();
    }

    private boolean isHolderKey(String tagKey) {
        return tagKey.startsWith(holderPrefix);
    }

    private LockHolder write(LockHolder holder) {
        String value = LockTag.encode(holder);
        writeTag(holderKey(holder.deploymentId()), value);
        return LockTag.decode(value);
    }

    private LockHeldException lost(Optional<LockHolder> held, String what) {
        String now = held.map(h -> "; it is now held by " + h.describe()).orElse("; nobody holds it now");
        return new LockHeldException(what + now + ". Stopping before any further change.", held.orElse(null));
    }
}
