package io.jenkins.plugins.ecsdeploy.core.memory;

import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.engine.port.TestTraffic;
import io.jenkins.plugins.ecsdeploy.core.engine.port.TrafficRouter;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The load balancer of {@link InMemoryAws}: the production and test listeners' splits, and each slot's targets,
 * one per running task, healthy unless the test made the slot unhealthy.
 */
final class MemoryListeners implements TrafficRouter, TestTraffic, SlotHealth {

    private final InMemoryAws aws;
    TrafficSplit production = TrafficSplit.allTo(Slot.BLUE);
    private TrafficSplit beforeLastWrite = production;
    /** As in the wire-level fake's standard environment, the test listener starts on green. */
    private Slot testSlot = Slot.GREEN;
    final Map<Slot, Boolean> unhealthy = new EnumMap<>(Slot.class);
    boolean ignoreWrites;
    int staleReads;

    MemoryListeners(InMemoryAws aws) {
        this.aws = aws;
    }

    @Override
    public TrafficSplit currentSplit() {
        aws.record("DescribeListeners");
        if (staleReads > 0) {
            staleReads--;
            return beforeLastWrite;
        }
        return production;
    }

    @Override
    public void applySplit(TrafficSplit split) {
        aws.record("DescribeListeners", "ModifyListener");
        if (!ignoreWrites) {
            beforeLastWrite = production;
            production = split;
        }
    }

    @Override
    public Optional<Slot> testTrafficSlot() {
        aws.record("DescribeListeners");
        return Optional.of(testSlot);
    }

    @Override
    public void pointTestTrafficAt(Slot slot) {
        aws.record("DescribeListeners", "ModifyListener");
        if (!ignoreWrites) {
            testSlot = slot;
        }
    }

    @Override
    public TargetHealthSummary targetHealth(Slot slot) {
        aws.record("DescribeTargetHealth");
        int targets = aws.services.running(slot);
        boolean sick = unhealthy.getOrDefault(slot, false);
        return new TargetHealthSummary(sick ? 0 : targets, sick ? targets : 0, targets);
    }
}
