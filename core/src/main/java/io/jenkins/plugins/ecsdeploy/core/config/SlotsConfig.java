package io.jenkins.plugins.ecsdeploy.core.config;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;

/**
 * The two slots of an environment.
 *
 * @param kind what runs in the slots; {@link SlotKind#ECS} when not given
 */
public record SlotsConfig(SlotKind kind, SlotConfig blue, SlotConfig green) {

    public SlotsConfig {
        kind = kind == null ? SlotKind.ECS : kind;
    }

    /** Two ECS slots. */
    public SlotsConfig(SlotConfig blue, SlotConfig green) {
        this(SlotKind.ECS, blue, green);
    }

    public SlotConfig get(Slot slot) {
        return slot == Slot.BLUE ? blue : green;
    }
}
