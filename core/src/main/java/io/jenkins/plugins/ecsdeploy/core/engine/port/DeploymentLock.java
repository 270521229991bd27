package io.jenkins.plugins.ecsdeploy.core.engine.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Mutual exclusion of deployments on one environment, kept in AWS so that Jenkins controllers and command lines on
 * different machines see each other.
 *
 * <p>The store (ELB or Route 53 tags) has no conditional write, so the protocol is write, then confirm later:
 * <ol>
 *   <li>{@link #acquire}: write this run's claim (a store may also fail at once on a lock it sees held).</li>
 *   <li>{@link #confirm}, in a later step after a settle delay and before the run's first write to AWS: read the
 *       lock back; if another run's live claim or hold is there, withdraw ours and stop.</li>
 *   <li>{@link #renew} while the run lives; {@link #release} when it ends; {@link #breakLock} by a person.</li>
 * </ol>
 * Each run reads after its own write, so of two runs the later reader sees the earlier writer: two runs never both
 * pass the confirmation, whatever their clocks and however long their steps take; two that start in the same instant
 * may both stop, and are told to run again. This holds as long as a read shows every write that finished before it;
 * the settle delay gives a store whose reads lag its writes that long to catch up, and covers runs of the previous
 * release (see {@code TagLock}).
 */
public interface DeploymentLock {

    /** The ARN the lock is kept on, for messages. */
    String resource();

    /** The lock as stored now, or empty when there is none. */
    Optional<LockHolder> current();

    /**
     * Writes the claim of {@code wanted}'s run; the run holds the lock once {@link #confirm} passed. A lock held by
     * the same run is taken over, and one that has expired is ignored.
     *
     * @return the holder as written (times cut to the second)
     * @throws LockHeldException when the store can tell at once that another run holds a live lock, naming it
     */
    LockHolder acquire(LockHolder wanted, Instant now);

    /**
     * Reads the lock back after the settle delay.
     *
     * @throws LockHeldException when another run holds or claims the lock (ours is then withdrawn), or ours is gone
     */
    void confirm(LockHolder ours);

    /**
     * Pushes the expiry to {@code now + ttl} when less than half of {@code ttl} is left; otherwise calls nothing.
     *
     * @return the holder now stored (the same one when nothing was due)
     * @throws LockHeldException when the stored lock is no longer ours (it was broken and taken)
     */
    LockHolder renew(LockHolder ours, Instant now, Duration ttl);

    /**
     * Removes the lock if it is still ours; leaves another run's lock alone.
     *
     * @return whether a lock was removed
     */
    boolean release(LockHolder ours);

    /**
     * Removes whatever lock there is, for a person clearing a lock left by a dead run, and records who broke it,
     * when and why next to it.
     *
     * @return the lock that was removed, or empty when there was none
     */
    Optional<LockHolder> breakLock(String by, String reason, Instant now);

    /**
     * Tells the run holding the lock that a rollback moved traffic under it: the run reads it at its next step
     * ({@link #preemption}), stops without touching traffic, and releases its lock. A store that cannot carry the
     * note does nothing: the run then stops on the traffic change alone, a little later.
     *
     * @param victim the lock as read just before, held by the run being pre-empted
     */
    default void markPreempted(LockHolder victim, String rollbackId, String by, String reason, Instant now) {
    }

    /**
     * Whether a rollback pre-empted the run holding {@code ours}: a sentence naming it (id, who, when, why), or
     * empty. One read.
     */
    default Optional<String> preemption(LockHolder ours) {
        return Optional.empty();
    }
}
