package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rollback to a scaled-down slot waits for tasks to serve, even when a read still shows the slot at zero. */
class RollbackReadinessTest {

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
    void aLaggingReadOfTheScaledUpServiceDoesNotCountAsReady() {
        Injection lagging = new Injection(Phase.WAIT_FOR_TARGET_READY, "DescribeServices", Fault.STALE_READ,
                Injection.Level.ONCE);
        Driver.Result r = Driver.run(rig, Scenario.ROLLBACK, lagging.arm(), null, false);

        assertThat(r.outcome()).as(String.join("\n", r.log())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.log()).anyMatch(line -> line.contains("Waiting for blue") && line.contains("(need 1)"));
        assertThat(rig.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }
}
