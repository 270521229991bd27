package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotKind;
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
 * Environments steered by two Route 53 weighted records: the router and the lock are Route 53's; the slots are two
 * App Runner services, or two endpoints managed elsewhere (kind none).
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
            Map<Slot, String> services = c.slotKind() == SlotKind.APP_RUNNER
                    ? new AppRunnerPreflight(clients.appRunner(), problems).resolve(c.slots()) : Map.of();
            if (!problems.isEmpty()) {
                throw new PreflightException(problems.list());
            }
            return ResolvedEnvironment.weighted(records, services.get(Slot.BLUE), services.get(Slot.GREEN));
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
            Route53TrafficRouter router = new Route53TrafficRouter(clients.route53(), records);
            if (config.slotKind() == SlotKind.APP_RUNNER) {
                AppRunnerSlots slots = new AppRunnerSlots(clients.appRunner(), Map.of(Slot.BLUE, env.blueService(),
                        Slot.GREEN, env.greenService()));
                AppRunnerMetrics metrics = new AppRunnerMetrics(new CloudWatchMetrics(clients.cloudWatch(), env,
                        analysis == null ? AnalysisConfig.defaults() : analysis), slots);
                return new Ports(router, slots, new NoTestTraffic(), slots, metrics, lock(env));
            }
            // Endpoints of kind none have no metrics this tool can name: intervals have no data; alarms gate.
            AlarmsOnlyMetrics metrics = new AlarmsOnlyMetrics(new CloudWatchAlarms(clients.cloudWatch()));
            return new Ports(router, new UrlSlotHealth(healthUrls), new NoTestTraffic(), new NoneSlots(names,
                    () -> Route53RecordTargets.read(clients.route53(), records)), metrics, lock(env));
        };
    }

    @Override
    public DeploymentLock lock(ResolvedEnvironment environment) {
        return new Route53TagLock(clients.route53(), environment.records());
    }
}
