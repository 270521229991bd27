package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.Optional;

/**
 * The test entry point of an environment (with ALB, a second listener or rule), which sends smoke checks to the slot
 * being deployed before production traffic reaches it. An environment without one has nothing to point.
 */
public interface TestTraffic {

    /**
     * The slot the test entry point sends all its traffic to, or empty when there is none.
     *
     * @throws IllegalStateException when it splits traffic between both slots
     */
    Optional<Slot> testTrafficSlot();

    /** Sends all test traffic to {@code slot}; does nothing when there is no test entry point. */
    void pointTestTrafficAt(Slot slot);
}
