package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.util.EnumMap;
import java.util.Map;

/**
 * Environments steered by two Route 53 weighted records: the router and the lock are Route 53's; the slots are
 * two endpoints managed elsewhere (kind none).
 */
final class Route53Environment implements EnvironmentKind {

    private final AwsClients clients;
    private final EnvironmentConfig config;

    Route53Environment(AwsClients clients, EnvironmentConfig config) {
        this.clients = clients;
        this.config = config;
    }

    @Override
    public EnvironmentResolver resolver() {
        return c -> {
            Problems problems = new Problems();
            WeightedRecords records = new Route53Preflight(clients.route53(), problems).resolve(c.route53());
            if (!problems.isEmpty()) {
                throw new PreflightException(problems.list());
            }
            return ResolvedEnvironment.weighted(records, null, null);
        };
    }

    @Override
    public Ports.Factory ports(AnalysisConfig analysis) {
        return env -> {
            WeightedRecords records = env.records();
            Map<Slot, String> names = new EnumMap<>(Slot.class);
            Map<Slot, String> healthUrls = new EnumMap<>(Slot.class);
            for (Slot slot : Slot.values()) {
                names.put(slot, records.setIdentifier(slot));
                SlotConfig one = config.slots() == null ? null : config.slots().get(slot);
                if (one != null && one.healthUrl() != null) {
                    healthUrls.put(slot, one.healthUrl());
                }
            }
            // ConfigValidator admits only kind none behind Route 53 in this release.
            return new Ports(new Route53TrafficRouter(clients.route53(), records), new UrlSlotHealth(healthUrls),
                    new NoTestTraffic(), new NoneSlots(names, () -> Route53RecordTargets.read(clients.route53(),
                            records)), new AlarmsOnlyMetrics(new CloudWatchAlarms(clients.cloudWatch())),
                    lock(env));
        };
    }

    @Override
    public DeploymentLock lock(ResolvedEnvironment environment) {
        return new Route53TagLock(clients.route53(), environment.records());
    }
}
