package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A canary, switch or rollback that names the image its slot must run refuses, before any write, when AWS shows
 * another one there: an approval for one version never promotes another (issue 8).
 */
class ExpectedImageTest {

    private static final String NEW = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2.0.0";
    private final EngineHarness h = new EngineHarness().withoutSmokeChecks();

    @BeforeEach
    void greenRunsV2() {
        h.run(DeploymentRequest.deploy("v2.0.0", "alice").withPromote(false));
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void switchToTheSlotRunningAnotherImageIsRefusedBeforeAnyWrite() {
        int modifies = h.aws.calls("ModifyListener").size();
        DeploymentState s = h.run(new SwitchRequest(TrafficSplit.allTo(Slot.GREEN), "bob")
                .withExpectedImage("v3.0.0"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("expectedImage: green", NEW, "not the expected v3.0.0",
                "Production traffic was not changed");
        assertThat(h.aws.calls("ModifyListener")).hasSize(modifies);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void aMatchingTagOrWholeReferenceLetsTheSwitchThrough() {
        assertThat(h.run(new SwitchRequest(TrafficSplit.allTo(Slot.GREEN), "bob").withExpectedImage("v2.0.0"))
                .getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.run(new SwitchRequest(TrafficSplit.allTo(Slot.BLUE), "bob").withExpectedImage(FakeAws.IMAGE))
                .getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void aCanaryOnASlotRunningAnotherImageIsRefusedBeforeAnyWrite() {
        int modifies = h.aws.calls("ModifyListener").size();
        DeploymentState s = h.run(DeploymentRequest.canary(List.of(10), Duration.ofMinutes(5), Slot.GREEN, "bob")
                .withExpectedImage("web:v3.0.0"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("the canary slot", NEW, "web:v3.0.0");
        assertThat(h.aws.calls("ModifyListener")).hasSize(modifies);
    }

    @Test
    void aRollbackToASlotRunningAnotherImageIsRefusedBeforeAnyWrite() {
        h.run(DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice"));
        int modifies = h.aws.calls("ModifyListener").size();

        DeploymentState refused = h.run(new RollbackRequest(null, "bad", "bob").withExpectedImage("v0.9.0"));
        assertThat(refused.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.getRecord().getOutcomeMessage()).contains("the slot to return to", FakeAws.IMAGE,
                "v0.9.0");
        assertThat(h.aws.calls("ModifyListener")).hasSize(modifies);

        DeploymentState done = h.run(new RollbackRequest(null, "bad", "bob").withExpectedImage("v1.0.0"));
        assertThat(done.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(done.getRecord().getToImage()).isEqualTo(FakeAws.IMAGE);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void aBlankInsideTheExpectedImageIsRefusedByName() {
        assertThatThrownBy(() -> h.start(new CanaryRequest(null, null, "bob", "v1 v2")))
                .hasMessageContaining("stages");
        assertThatThrownBy(() -> h.start(new SwitchRequest(TrafficSplit.allTo(Slot.GREEN), "bob", "v1 v2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expectedImage: 'v1 v2'");
    }
}
