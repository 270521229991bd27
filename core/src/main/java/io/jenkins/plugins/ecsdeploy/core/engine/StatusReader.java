package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads an environment's live state from AWS with read-only calls: the source of truth for the active slot. */
public final class StatusReader {

    private final EnvironmentResolver resolver;
    private final Ports.Factory ports;

    public StatusReader(EnvironmentResolver resolver, Ports.Factory ports) {
        this.resolver = resolver;
        this.ports = ports;
    }

    public EnvironmentStatus read(EnvironmentConfig config, Instant now) {
        Ports aws = ports.bind(resolver.resolve(config));
        TrafficSplit split = aws.router().currentSplit();
        List<SlotStatus> slots = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            ServiceSnapshot svc = aws.services().describe(slot);
            // A slot of a CodeDeploy service with no task set behind its target group runs nothing.
            TaskDefinitionSummary td = svc.taskDefinitionArn() == null ? new TaskDefinitionSummary(null, null, 0, null)
                    : aws.services().taskDefinition(svc.taskDefinitionArn());
            slots.add(new SlotStatus(slot, svc.serviceName(), svc.status(), td.arn(), td.revision(), td.image(),
                    td.imageTag(), svc.desiredCount(), svc.runningCount(), svc.pendingCount(), svc.deployments(),
                    svc.rolloutState(), aws.health().targetHealth(slot), split.percentOf(slot),
                    split.percentOf(slot) == 100, aws.services().url(slot).orElse(null)));
        }
        return new EnvironmentStatus(config.name(), now, split, slots);
    }
}
