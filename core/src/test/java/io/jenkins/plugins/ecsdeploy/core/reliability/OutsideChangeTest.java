package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A listener read that disagrees with the run's last write is read again before the run concludes that someone
 * else moved traffic: a stale read is waited out, a real change stops the run after the read-back window.
 */
class OutsideChangeTest {

    private static Rig rig;

    @BeforeAll
    static void start() {
        rig = new Rig();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void staleReadsDuringTheBakeAreReadAgainNotTakenForAnOutsideChange() {
        Injection stale = new Injection(Phase.BAKE, "DescribeListeners", Fault.STALE_READ, Injection.Level.EXHAUST);
        Driver.Result r = Driver.run(rig, Scenario.BLUE_GREEN, stale.arm(), null, false);

        assertThat(r.outcome()).as(String.join("\n", r.log())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(r.log()).anyMatch(line -> line.contains("AWS reports blue=100%, green=0% instead of"
                + " blue=0%, green=100%; reading it again"));
    }

    @Test
    void staleReadsDuringCanaryAnalysisLeaveTheCanaryRunning() {
        Injection stale = new Injection(Phase.ANALYSE_CANARY, "DescribeListeners", Fault.STALE_READ,
                Injection.Level.EXHAUST);
        Driver.Result r = Driver.run(rig, Scenario.CANARY, stale.arm(), null, false);

        assertThat(r.outcome()).as(String.join("\n", r.log())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void aChangeThatLastsTheReadBackWindowStopsTheRunWithoutTouchingTraffic() {
        boolean[] done = {false};
        Driver.Result r = Driver.run(rig, Scenario.BLUE_GREEN, (rig, phase) -> {
            if (phase == Phase.BAKE && !done[0]) {
                done[0] = true;
                // Someone puts all traffic back on blue by hand while the run bakes green.
                rig.aws.edit(s -> {
                    s.listeners.get(FakeAws.LISTENER_ARN).actions.get(0).targetGroups.get(0).weight = 100;
                    s.listeners.get(FakeAws.LISTENER_ARN).actions.get(0).targetGroups.get(1).weight = 0;
                });
            }
        }, null, false);

        assertThat(r.outcome()).as(String.join("\n", r.log())).isEqualTo(Outcome.FAILED);
        assertThat(r.state().getRecord().getOutcomeMessage()).contains("changed outside this deployment")
                .contains("AWS has reported blue=100%, green=0% for 30 s");
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(rig.calls().stream().filter(c -> c.action().equals("ModifyListener"))).hasSize(1);
        Instant bakeStarted = r.state().getRecord().getTransitions().stream().filter(t -> t.to() == Phase.BAKE)
                .map(Transition::at).findFirst().orElseThrow();
        // Seen at the bake's first poll after the verifying read (10 s), which had just read the split; read again
        // for 30 s before it counts as someone else's.
        assertThat(Duration.between(bakeStarted, r.state().getRecord().getFinishedAt()))
                .isEqualTo(Duration.ofSeconds(40));
    }
}
