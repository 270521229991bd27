package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ServiceControl;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The slots of an environment of kind none: two endpoints already running, managed elsewhere. Each is described as
 * one steady "service" named for its weighted record, whose "image" is where the record points, so that runs and
 * status show what each slot serves. Nothing can be deployed, scaled or paused: runs only move traffic.
 */
public final class NoneSlots implements ServiceControl {

    static final String HANDLE_PREFIX = "endpoint:";

    private final Map<Slot, String> names;
    private final Supplier<Map<Slot, String>> targets;
    private Map<Slot, String> read;

    /**
     * @param names each slot's name, e.g. its record's set identifier
     * @param targets reads where each slot's record points (called at most once)
     */
    public NoneSlots(Map<Slot, String> names, Supplier<Map<Slot, String>> targets) {
        this.names = Map.copyOf(names);
        this.targets = targets;
    }

    @Override
    public ServiceSnapshot describe(Slot slot) {
        return new ServiceSnapshot(names.get(slot), null, "ACTIVE", "NONE", HANDLE_PREFIX + slot.id(), 1, 1, 0,
                null, null, 1);
    }

    @Override
    public TaskDefinitionSummary taskDefinition(String handle) {
        Slot slot = Slot.parse(handle.substring(HANDLE_PREFIX.length()));
        if (read == null) {
            read = targets.get();
        }
        return new TaskDefinitionSummary(handle, names.get(slot), 0, read.get(slot));
    }

    @Override
    public String registerWithImageTag(String sourceTaskDefinitionArn, String imageTag) {
        throw nothingToDeploy();
    }

    @Override
    public void update(Slot slot, String taskDefinitionArn, int desiredCount) {
        throw nothingToDeploy();
    }

    @Override
    public void scale(Slot slot, int desiredCount) {
        throw nothingToDeploy();
    }

    private static UnsupportedOperationException nothingToDeploy() {
        return new UnsupportedOperationException("The slots are of kind none: their endpoints are managed outside"
                + " this tool, which only moves traffic between them.");
    }
}
