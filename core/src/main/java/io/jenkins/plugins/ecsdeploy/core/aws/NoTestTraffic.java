package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.TestTraffic;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.Optional;

/** Behind Route 53 there is no test listener: smoke checks reach a slot by its own URL. */
final class NoTestTraffic implements TestTraffic {

    @Override
    public Optional<Slot> testTrafficSlot() {
        return Optional.empty();
    }

    @Override
    public void pointTestTrafficAt(Slot slot) {
        // Nothing to point.
    }
}
