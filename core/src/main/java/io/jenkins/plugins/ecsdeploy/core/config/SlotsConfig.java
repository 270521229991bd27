package io.jenkins.plugins.ecsdeploy.core.config;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/** The two slots of an environment. */
public record SlotsConfig(SlotConfig blue, SlotConfig green) {

    public SlotConfig get(Slot slot) {
        return slot == Slot.BLUE ? blue : green;
    }
}
