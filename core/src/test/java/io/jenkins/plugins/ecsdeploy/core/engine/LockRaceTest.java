package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines started close together on one environment, their AWS requests interleaved in many random orders
 * (reproducible from the printed seed): at most one may pass CONFIRM_LOCK. Runs that both read the other's claim
 * both stop (safe; they are told to run again). The lock's rule needs no settle delay for this (each run reads after
 * its own write, so the later reader sees the earlier writer): the same harness with none finds no interleaving
 * where both pass. The delay is kept for a store whose reads may lag its writes, and for runs of the previous release.
 */
class LockRaceTest {

    private static final int INTERLEAVINGS = 150;
    /** Well below the settle delay: one request's latency, the gap between a run's read and write of the tag. */
    private static final Duration MAX_LATENCY = Duration.ofMillis(400);

    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();

    @AfterEach
    void close() {
        h.close();
    }

    /** How a batch of interleavings ended. */
    record Tally(int interleavings, int attempts, int bothWroteTheLock, int oneProceeded, int bothProceeded) {

        int neitherProceeded() {
            return interleavings - oneProceeded - bothProceeded;
        }
    }

    @Test
    void twoRunsNeverBothPassTheLockConfirmation() throws Exception {
        long seed = new Random().nextLong();
        Tally tally = race(seed, LockSettings.at("race"), INTERLEAVINGS, false);
        String context = "seed " + seed + ": " + tally + ", neither " + tally.neitherProceeded();
        System.out.println("LockRaceTest " + context);

        assertThat(tally.bothProceeded()).as(context).isZero();
        assertThat(tally.attempts()).as(context).isEqualTo(2 * INTERLEAVINGS);
        // Real races happened: both runs wrote the tag before either read it back.
        assertThat(tally.bothWroteTheLock()).as(context).isPositive();
    }

    @Test
    void evenWithoutTheSettleDelayNoInterleavingLetsBothPass() throws Exception {
        long seed = new Random().nextLong();
        Tally tally = race(seed, new LockSettings("race", LockSettings.DEFAULT_TTL, Duration.ZERO), 300, true);
        String context = "seed " + seed + ": " + tally + ", neither " + tally.neitherProceeded();
        System.out.println("LockRaceTest without settle delay, " + context);

        assertThat(tally.bothProceeded()).as(context).isZero();
        // Without the delay, one run often reads back before the other wrote: then it alone proceeds.
        assertThat(tally.oneProceeded()).as(context).isPositive();
    }

    /** Races {@code limit} pairs of runs, or fewer when {@code untilBothProceed} and a pair both proceeded. */
    private Tally race(long seed, LockSettings lock, int limit, boolean untilBothProceed) throws Exception {
        Random random = new Random(seed);
        InterleavedRuns scheduler = new InterleavedRuns(random, MAX_LATENCY);
        try (RaceRig rig = new RaceRig(h, scheduler)) {
            int raced = 0;
            int one = 0;
            int both = 0;
            int i = 0;
            for (; i < limit && !(untilBothProceed && both > 0); i++) {
                h.aws.edit(s -> s.tags.clear());
                Instant start = EngineHarness.START.plusSeconds(i * 3600L);
                List<InterleavedRuns.Run> runs = List.of(run("a", rig.engine(lock), start, random),
                        run("b", rig.engine(lock), start, random));
                scheduler.runAll(runs, s -> s.getPhase().ordinal() > Phase.CONFIRM_LOCK.ordinal());
                long proceeded = runs.stream().filter(r -> !r.state.isFinished()).count();
                for (InterleavedRuns.Run r : runs) {
                    if (r.state.isFinished()) {
                        assertThat(r.state.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
                        assertThat(r.state.getLockConflict()).as(r.state.getRecord().getOutcomeMessage()).isNotNull();
                        assertThat(r.requests).doesNotContain("RegisterTaskDefinition", "UpdateService",
                                "ModifyListener");
                    }
                }
                if (runs.stream().allMatch(r -> r.requests.contains("AddTags"))) {
                    raced++;
                }
                one += proceeded == 1 ? 1 : 0;
                both += proceeded == 2 ? 1 : 0;
            }
            return new Tally(i, 2 * i, raced, one, both);
        }
    }

    private static InterleavedRuns.Run run(String name, DeploymentEngine engine, Instant start, Random random) {
        // Start within the same two seconds, often at the same instant.
        Instant at = start.plusMillis(random.nextInt(3) * (long) random.nextInt(1000));
        return new InterleavedRuns.Run(name, engine, engine.start(DeploymentRequest.deploy("v-" + name, name),
                "d-" + name, at), at);
    }
}
