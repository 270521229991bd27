package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;

/** Whether a slot can serve: the health checks of the targets its tasks registered, as AWS reports them now. */
public interface SlotHealth {

    /** Health of the targets registered for the slot. */
    TargetHealthSummary targetHealth(Slot slot);
}
