package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An environment's live state, read from AWS: the production split and both slots. The active slot is the one the
 * listener sends all traffic to; while traffic is split there is none.
 */
public record EnvironmentStatus(String environment, Instant readAt, TrafficSplit split, List<SlotStatus> slots) {

    public EnvironmentStatus {
        slots = List.copyOf(slots);
    }

    @JsonIgnore
    public Optional<Slot> activeSlot() {
        return split.soleSlot();
    }

    public SlotStatus slot(Slot slot) {
        return slots.stream().filter(s -> s.slot() == slot).findFirst().orElseThrow();
    }
}
