package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsPorts;
import io.jenkins.plugins.ecsdeploy.core.aws.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
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
    private final AwsPorts.Factory ports;

    public StatusReader(EnvironmentResolver resolver, AwsPorts.Factory ports) {
        this.resolver = resolver;
        this.ports = ports;
    }

    /** Reads the live state with real AWS clients; validates the config first. */
    public static EnvironmentStatus read(EnvironmentConfig config, AwsClients clients) {
        return AwsEngines.statusReader(config, clients).read(config, Instant.now());
    }

    public EnvironmentStatus read(EnvironmentConfig config, Instant now) {
        AwsPorts aws = ports.bind(resolver.resolve(config));
        TrafficSplit split = aws.router().currentSplit();
        List<SlotStatus> slots = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            ServiceSnapshot svc = aws.services().describe(slot);
            TaskDefinitionSummary td = aws.services().taskDefinition(svc.taskDefinitionArn());
            slots.add(new SlotStatus(slot, svc.serviceName(), svc.status(), td.arn(), td.revision(), td.image(),
                    td.imageTag(), svc.desiredCount(), svc.runningCount(), svc.pendingCount(), svc.deployments(),
                    svc.rolloutState(), aws.router().targetHealth(slot), split.percentOf(slot),
                    split.percentOf(slot) == 100));
        }
        return new EnvironmentStatus(config.name(), now, split, slots);
    }
}
