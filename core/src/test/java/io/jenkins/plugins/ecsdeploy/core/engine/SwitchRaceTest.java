package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A switch takes no lock: it reads the lock first, a few calls before its one write, and refuses when another run
 * holds or claims it. Raced against a deploy, started from before the deploy's claim to after its service update,
 * in many random interleavings of their requests (reproducible from the printed seed), the deploy must never update
 * the service of the slot the switch sends production traffic to: a switch under the deploy's claim is refused, and
 * a deploy that claimed the lock after the switch's read plans only after its settle delay, so it reads the traffic
 * as the switch left it. A switch that wrote without that read loses this race (tried by taking the read out).
 */
class SwitchRaceTest {

    private static final int INTERLEAVINGS = 60;
    /** One request's latency: the switch's lock read is four of them before its write. */
    private static final Duration MAX_LATENCY = Duration.ofMillis(400);

    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();

    @AfterEach
    void close() {
        h.close();
    }

    /** How a batch of races ended. */
    record Tally(int races, int switched, int refusedForTheLock, int deployUpdatedTheLiveSlot) {
    }

    @Test
    void aDeployNeverUpdatesTheSlotASwitchSentTrafficTo() throws Exception {
        long seed = new Random().nextLong();
        Tally tally = race(seed, LockSettings.at("race"));
        String context = "seed " + seed + ": " + tally;
        System.out.println("SwitchRaceTest " + context);

        assertThat(tally.deployUpdatedTheLiveSlot()).as(context).isZero();
        // Both sides of the race happened: switches that went first, and switches that saw the deploy's claim.
        assertThat(tally.switched()).as(context).isPositive();
        assertThat(tally.refusedForTheLock()).as(context).isPositive();
    }

    private Tally race(long seed, LockSettings lock) throws Exception {
        h.run(DeploymentRequest.deploy("v1.0.0", "setup").withPromote(false));
        FakeAwsState ready = h.aws.read(FakeAwsState::copy);
        Random random = new Random(seed);
        InterleavedRuns scheduler = new InterleavedRuns(random, MAX_LATENCY);
        int switched = 0;
        int refused = 0;
        int lost = 0;
        try (RaceRig rig = new RaceRig(h, scheduler)) {
            for (int i = 0; i < INTERLEAVINGS; i++) {
                h.aws.restore(ready);
                int first = h.aws.callCount();
                Instant start = EngineHarness.START.plusSeconds((i + 1) * 3600L);
                // The deploy claims the lock after its 4 resolution reads and updates a service some 11 s later; the
                // switch reads the lock after its 5 resolution reads. Started from 2.5 s before the deploy to 14 s
                // after, the switch acts before the claim, during the settle delay, and after the update.
                Instant switchAt = start.minusMillis(2500).plusMillis(random.nextInt(16_500));
                DeploymentEngine deployer = rig.engine(lock);
                DeploymentEngine switcher = rig.engine(lock);
                InterleavedRuns.Run deploy = new InterleavedRuns.Run("deploy", deployer, deployer.start(
                        DeploymentRequest.deploy("v2.0.0", "alice"), "d-deploy", start), start);
                InterleavedRuns.Run sw = new InterleavedRuns.Run("switch", switcher, switcher.start(
                        DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "bob"), "d-switch", switchAt),
                        switchAt);
                scheduler.runAll(List.of(deploy, sw), s -> s.getPhase() == Phase.WAIT_FOR_READY);

                if (sw.state.getRecord().getOutcome() == Outcome.SUCCEEDED) {
                    switched++;
                } else {
                    // Refused for the deploy's claim, or (without the delay) for green's targets the deploy replaces.
                    assertThat(sw.state.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
                    assertThat(sw.requests).doesNotContain("ModifyListener");
                    refused += sw.state.getLockConflict() != null ? 1 : 0;
                }
                lost += bothActedOnGreen(h.aws.calls().subList(first, h.aws.callCount())) ? 1 : 0;
            }
        }
        return new Tally(INTERLEAVINGS, switched, refused, lost);
    }

    /**
     * Whether the deploy updated green's service and the switch sent traffic to green, in either order: a version
     * nobody checked took production traffic, or the checked one was replaced under it.
     */
    private static boolean bothActedOnGreen(List<Call> calls) {
        boolean updated = calls.stream().anyMatch(c -> c.action().equals("UpdateService")
                && c.json().get("service").asText().equals(FakeAws.GREEN_SERVICE));
        return updated && calls.stream().anyMatch(c -> c.action().equals("ModifyListener"));
    }
}
