package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Manual switches and rollbacks on the engine's ports in memory: weights set, read back, refused when the target is
 * not healthy; rollbacks to a warm or a scaled-down slot.
 */
class SwitchAndRollbackEngineTest {

    private final MemoryHarness h = new MemoryHarness();

    @AfterEach
    void close() {
        h.close();
    }


    @Test
    void recordOfAPartialSwitchNamesTheSlotThatGainsTraffic() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.parse("blue=90,green=10"), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getFromSlot()).isEqualTo(Slot.BLUE);
        assertThat(s.getRecord().getToSlot()).isEqualTo(Slot.GREEN);
        assertThat(s.getRecord().getFromImage()).endsWith(":v1.0.0");
        assertThat(s.getRecord().getToImage()).endsWith(":v1.2.3");
    }

    @Test
    void recordOfAnEvenSplitFromGreenNamesBlueAsTheSlotThatGainsTraffic() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.parse("blue=50,green=50"), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getFromSlot()).isEqualTo(Slot.GREEN);
        assertThat(s.getRecord().getToSlot()).isEqualTo(Slot.BLUE);
    }

    @Test
    void switchRefusesASlotWithoutHealthyTargets() {
        DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("green is not ready for traffic")
                .contains("0 of 0 registered targets are healthy");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
    }

    @Test
    void switchToTheCurrentSplitChangesNothing() {
        DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.BLUE), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("already");
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
    }

    @Test
    void switchThatDoesNotReadBackRestoresThePreviousSplit() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        h.aws.ignoreSplitWrites();
        DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(s.getRecord().getOutcomeMessage()).contains("The new weights do not read back on the listener");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void rollbackAfterADeploymentReturnsToThePreviousSlot() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        DeploymentState s = h.run(DeploymentRequest.rollback(null, "bob", "p99 regression"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(s.getRecord().getToSlot()).isEqualTo(Slot.BLUE);
        assertThat(s.getRecord().getToImage()).endsWith(":v1.0.0");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("UpdateService")).hasSize(1);
    }

    @Test
    void rollbackScalesAScaledDownSlotUpFirst() {
        h.with("health:\n  scaleDownOldAfter: 1m\n");
        h.aws.metrics().set("green", "RequestCount", "Sum", 300);
        h.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        assertThat(h.aws.service("web-blue").desiredCount()).isZero();

        DeploymentState s = h.run(DeploymentRequest.rollback(null, "bob", "bad release"));

        assertThat(s.getRecord().getOutcome()).as(String.join("\n", h.log)).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.phases(s)).containsSubsequence(Phase.SCALE_UP_TARGET, Phase.WAIT_FOR_TARGET_READY,
                Phase.ROLL_BACK, Phase.VERIFY_ROLLBACK);
        assertThat(h.aws.service("web-blue").desiredCount()).isEqualTo(2);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void rollbackOfAnEvenSplitAsksForTheSlotToRollBackTo() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice").withPromote(false));
        h.run(DeploymentRequest.switchTo(TrafficSplit.parse("blue=50,green=50"), "alice"));
        int modifies = h.aws.calls("ModifyListener").size();

        DeploymentState s = h.run(DeploymentRequest.rollback(null, "bob", "bad release"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).as("a rollback has no canary slot to name")
                .doesNotContain("canary").contains("roll back to");
        assertThat(h.aws.calls("ModifyListener")).hasSize(modifies);
    }

    @Test
    void rollbackThatFindsNeitherSlotHealthyLeavesTrafficWhereItWas() {
        h.run(DeploymentRequest.deploy("v1.2.3", "alice"));
        DeploymentEngine engine = h.engine();
        DeploymentState s = engine.start(DeploymentRequest.rollback(null, "bob", "bad release"), "d-2", h.now);
        // An unhealthy destination takes the careful path, which waits for it and checks it again before writing.
        h.aws.slotUnhealthy("web-blue", true);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.WAIT_FOR_TARGET_READY);
        h.aws.slotUnhealthy("web-blue", false);
        h.runUntil(engine, s, st -> st.getPhase() == Phase.ROLL_BACK);
        h.aws.slotUnhealthy("web-blue", true);
        h.aws.slotUnhealthy("web-green", true);
        int modifies = h.aws.calls("ModifyListener").size();

        h.runToEnd(engine, s);

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLBACK_FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("NEITHER SLOT IS HEALTHY")
                .as("green, not blue, was active before the rollback").doesNotContain("previously active slot blue");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        assertThat(h.aws.calls("ModifyListener")).hasSize(modifies);
    }

    @Test
    void rollbackWhenAlreadyThereChangesNothing() {
        DeploymentState s = h.run(DeploymentRequest.rollback(Slot.BLUE, "bob", null));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.calls("ModifyListener")).isEmpty();
        assertThat(h.aws.calls("UpdateService")).isEmpty();
    }

    @Test
    void badRequestsAreRefusedBeforeAnyCall() {
        DeploymentEngine engine = h.engine();
        assertThatThrownBy(() -> engine.start(DeploymentRequest.deploy("-bad tag", "a"), "d", h.now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid Docker tag");
        assertThatThrownBy(() -> engine.start(DeploymentRequest.canary(java.util.List.of(50, 10),
                java.time.Duration.ofMinutes(5), null, "a"), "d", h.now))
                .hasMessageContaining("stages: must go up, but 10 follows 50");
        assertThatThrownBy(() -> engine.start(DeploymentRequest.canary(java.util.List.of(10), null, null, "a"),
                "d", h.now)).hasMessageContaining("stageDuration");
        assertThat(h.aws.calls()).isEmpty();
    }

}
