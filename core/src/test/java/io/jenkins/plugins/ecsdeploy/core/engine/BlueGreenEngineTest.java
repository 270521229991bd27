package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole blue/green deployments on the engine's ports in memory: the phases a run goes through, when, what it asks
 * of AWS and where traffic ends. What reaches AWS on the wire is {@link BlueGreenDeploymentTest}'s.
 */
class BlueGreenEngineTest {

    private final MemoryHarness h = new MemoryHarness();

    @AfterEach
    void close() {
        h.close();
    }


    @Test
    void noPromoteStopsAfterSmokeChecksWithTrafficUntouched() {
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.READY_NOT_PROMOTED);
        assertThat(h.aws.service("web-green").image()).endsWith("web:v1.2.3");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
    }

    @Test
    void readinessTimeoutFailsWithoutTouchingTraffic() {
        h.aws.slotUnhealthy("web-green", true);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green was not ready within 120 s")
                .contains("targets healthy").contains("Production traffic was not changed");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(Duration.between(transitionAt(s, Phase.WAIT_FOR_READY), s.getRecord().getFinishedAt()))
                .isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void failedEcsRolloutFailsAtOnce() {
        h.aws.rolloutFails("web-green");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("rollout of web-green FAILED");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
    }

    @Test
    void unhealthyDuringBakeRollsBackAndVerifies() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        h.aws.slotUnhealthy("web-green", true);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green became unhealthy during the bake")
                .contains("verified");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("ModifyListener")).hasSize(2);
        assertThat(h.phases(s)).containsSubsequence(Phase.BAKE, Phase.ROLL_BACK, Phase.VERIFY_ROLLBACK,
                Phase.FINISHED);
    }

    @Test
    void alarmInAlarmDuringBakeRollsBack() {
        h.with("health:\n  alarms: [web-5xx]\n");
        h.aws.alarm("web-5xx", "OK");
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        h.aws.alarm("web-5xx", "ALARM");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("web-5xx");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void alarmAlreadyFiringRefusesTheDeploymentBeforeAnyWrite() {
        h.with("health:\n  alarms: [web-5xx]\n");
        h.aws.alarm("web-5xx", "ALARM");
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Alarm already in ALARM before the deployment: web-5xx");
        assertThat(h.aws.calls("RegisterTaskDefinition")).isEmpty();
        assertThat(h.aws.calls("UpdateService")).isEmpty();
        assertThat(h.aws.calls("AddTags")).as("refused before the lock is written").isEmpty();
        assertThat(h.phases(s)).containsExactly(Phase.PREFLIGHT, Phase.FINISHED);
    }

    @Test
    void listenerThatDoesNotShowNewWeightsRollsBack() {
        h.aws.ignoreSplitWrites();
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("The new weights do not read back on the listener")
                .contains("green=100%").contains("blue=100%");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.phases(s)).doesNotContain(Phase.BAKE);
    }

    @Test
    void staleReadsAfterTheSwitchAreWaitedOut() {
        h.aws.staleSplitReads(3);
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.VERIFY_SWITCH);
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("ModifyListener")).hasSize(1);
    }

    @Test
    void splitTrafficRefusesANewDeployment() {
        h.aws.listenerSplit(new TrafficSplit(90, 10));
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("Production traffic is split")
                .contains("blue=90%, green=10%");
        assertThat(h.aws.calls("RegisterTaskDefinition")).isEmpty();
    }

    @Test
    void abortDuringBakeRollsBackAtOnce() {
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.BAKE);
        engine.requestAbort(s, "bob", "customer complaints");
        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getAbortedBy()).isEqualTo("bob");
        assertThat(s.getRecord().getOutcomeMessage()).contains("Aborted by bob: customer complaints");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void scalesOldSlotDownOnlyAfterMetricsShowItDrained() {
        h.with("health:\n  scaleDownOldAfter: 2m\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 500);
        h.aws.metrics().set("blue", "RequestCount", "Sum", 0);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("blue scaled to 0 tasks");
        assertThat(h.aws.service("web-blue").desiredCount()).isZero();
        assertThat(h.aws.calls("GetMetricData")).isNotEmpty();
    }

    @Test
    void keepsOldSlotWhenMetricsStillShowItServing() {
        h.with("health:\n  scaleDownOldAfter: 2m\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 500);
        h.aws.metrics().set("blue", "RequestCount", "Sum", 40);
        DeploymentState s = h.run(DeploymentRequest.deploy("v1.2.3", "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("NOT scaled down").contains("blue received 40");
        assertThat(h.aws.service("web-blue").desiredCount()).isEqualTo(2);
    }

    @Test
    void resumesFromSavedStateWithANewEngine() {
        DeploymentEngine first = h.engine();
        DeploymentState s = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, s, st -> st.getPhase() == Phase.WAIT_FOR_READY);

        DeploymentState restored = StateJson.readState(StateJson.write(s));
        h.runToEnd(h.engine(), restored);

        assertThat(restored.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("RegisterTaskDefinition")).hasSize(1);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void timeTheRunWasDownIsNotCountedAsBaked() {
        DeploymentEngine first = h.engine();
        DeploymentState s = first.start(DeploymentRequest.deploy("v1.2.3", "alice"), "d-1", h.now);
        h.runUntil(first, s, st -> st.getPhase() == Phase.BAKE);
        first.advance(s, h.now);
        String saved = StateJson.write(s);
        // The controller is down for ten minutes, twice the five-minute bake.
        h.now = h.now.plus(Duration.ofMinutes(10));
        java.time.Instant resumedAt = h.now;

        DeploymentEngine second = h.engine();
        DeploymentState restored = StateJson.readState(saved);
        h.runUntil(second, restored, st -> h.now.isAfter(resumedAt.plus(Duration.ofMinutes(2))));
        assertThat(restored.isFinished()).as("the bake watched green for one check only:\n"
                + String.join("\n", h.log)).isFalse();

        h.aws.slotUnhealthy("web-green", true);
        h.runToEnd(second, restored);
        assertThat(restored.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(restored.getRecord().getOutcomeMessage()).contains("green became unhealthy during the bake");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void secondDeploymentGoesBackToBlue() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        DeploymentState second = h.run(DeploymentRequest.deploy("v1.2.4", "alice"));

        assertThat(second.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(second.getRecord().getFromSlot()).isEqualTo(Slot.GREEN);
        assertThat(second.getRecord().getFromImage()).endsWith(":v1.2.3");
        assertThat(h.aws.service("web-blue").image()).endsWith("web:v1.2.4");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    private static java.time.Instant transitionAt(DeploymentState s, Phase phase) {
        return s.getRecord().getTransitions().stream().filter(t -> t.to() == phase).findFirst().orElseThrow().at();
    }

}
