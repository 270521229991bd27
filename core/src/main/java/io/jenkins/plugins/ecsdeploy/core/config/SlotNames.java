package io.jenkins.plugins.ecsdeploy.core.config;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/** One name per slot, e.g. the set identifiers of the slots' weighted records. */
public record SlotNames(String blue, String green) {

    public String get(Slot slot) {
        return slot == Slot.BLUE ? blue : green;
    }
}
