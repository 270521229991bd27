package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TagLock}'s protocol for two runs whose calls interleave in the orders that matter, over one map of tags
 * that answers each call at once (a read shows every write before it). Whatever the order and the clocks, at most
 * one run holds the lock.
 */
class TagLockRaceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(30);

    private final Map<String, String> tags = new LinkedHashMap<>();

    /** The tags on one resource; {@link #beforeRead} runs inside a read, after the map was copied. */
    private final class MapTagLock extends TagLock {

        Runnable beforeRead = () -> { };

        MapTagLock() {
            super("arn:test:listener", LockTag.KEY, LockTag.KEY + "/", LockTag.BROKEN_KEY, LockTag.PREEMPTED_KEY);
        }

        @Override
        protected Map<String, String> readTags() {
            Map<String, String> read = new LinkedHashMap<>(tags);
            Runnable hook = beforeRead;
            beforeRead = () -> { };
            hook.run();
            return read;
        }

        @Override
        protected void writeTag(String key, String value) {
            tags.put(key, value);
        }

        @Override
        protected void removeTags(String... keys) {
            for (String key : keys) {
                tags.remove(key);
            }
        }
    }

    private static LockHolder run(String id, Instant since) {
        return LockHolder.forRun(id, "someone", "host", since, TTL);
    }

    /** Whether confirming {@code claim} on {@code lock} let the run proceed. */
    private static boolean proceeds(TagLock lock, LockHolder claim) {
        try {
            lock.confirm(claim);
            return true;
        } catch (LockHeldException e) {
            return false;
        }
    }

    @Test
    void twoRunsThatBothWroteBeforeEitherReadBothStopAndWithdrawTheirClaims() {
        MapTagLock a = new MapTagLock();
        MapTagLock b = new MapTagLock();
        LockHolder aClaim = a.acquire(run("d-a", T0), T0);
        LockHolder bClaim = b.acquire(run("d-b", T0), T0);
        boolean[] bProceeded = {true};
        // b's confirmation runs between a's read and a's decision: both reads see both claims.
        a.beforeRead = () -> bProceeded[0] = proceeds(b, bClaim);

        assertThatThrownBy(() -> a.confirm(aClaim)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("deployment d-b").hasMessageContaining("run again");

        assertThat(bProceeded[0]).isFalse();
        assertThat(tags).isEmpty();
    }

    @Test
    void whenOneReadsAfterTheOtherWithdrewOnlyTheLaterReaderProceeds() {
        MapTagLock a = new MapTagLock();
        MapTagLock b = new MapTagLock();
        LockHolder aClaim = a.acquire(run("d-a", T0), T0);
        LockHolder bClaim = b.acquire(run("d-b", T0), T0);

        assertThat(proceeds(a, aClaim)).isFalse();
        assertThat(proceeds(b, bClaim)).isTrue();
        assertThat(tags).containsOnlyKeys("ecs-deploy:lock/d-b");
    }

    @Test
    void aRunThatWritesAfterAnotherConfirmedStopsWhateverItsClock() {
        MapTagLock a = new MapTagLock();
        MapTagLock b = new MapTagLock();
        LockHolder aClaim = a.acquire(run("d-a", T0), T0);
        assertThat(proceeds(a, aClaim)).isTrue();
        // b's clock is an hour behind, so its claim looks like the earliest.
        Instant behind = T0.minus(Duration.ofHours(1)).plusSeconds(5);
        LockHolder bClaim = b.acquire(run("d-b", behind), behind);

        assertThat(proceeds(b, bClaim)).isFalse();
        assertThat(tags).containsOnlyKeys("ecs-deploy:lock/d-a");
    }

    @Test
    void aRunOfThePreviousReleaseThatReadAfterThisRunWroteStopsAtOnce() {
        // The previous release read before writing and failed on any live holder it saw: the lock as current()
        // reads it, which names this run's claim.
        MapTagLock ours = new MapTagLock();
        LockHolder claim = ours.acquire(run("d-new", T0), T0);

        assertThat(new MapTagLock().current()).contains(claim);
        assertThat(proceeds(ours, claim)).isTrue();
    }

    @Test
    void aRunOfAnEarlierReleaseInTheSingleKeyIsNeverOvertaken() {
        tags.put(LockTag.KEY, LockTag.encode(run("d-old", T0.plusSeconds(30))));
        MapTagLock ours = new MapTagLock();
        LockHolder claim = ours.acquire(run("d-new", T0), T0);

        assertThat(proceeds(ours, claim)).isFalse();
        assertThat(tags).containsOnlyKeys(LockTag.KEY);
    }
}
