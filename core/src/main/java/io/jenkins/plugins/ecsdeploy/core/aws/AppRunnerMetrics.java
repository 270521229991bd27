package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.engine.port.MetricsSource;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of App Runner slots: requests, 5xx responses, latency percentiles and utilization from AWS/AppRunner
 * (read like an ALB's, see {@link CloudWatchMetricsQueries}), and the healthy-host count from the service's status,
 * because App Runner publishes no target health: it replaces unhealthy instances itself, and the service either
 * runs (one healthy target) or does not. {@code ActiveInstances} would not do: it counts instances busy with
 * requests, so a quiet minute reads as no healthy host.
 */
final class AppRunnerMetrics implements MetricsSource {

    private final MetricsSource cloudWatch;
    private final SlotHealth services;

    AppRunnerMetrics(MetricsSource cloudWatch, SlotHealth services) {
        this.cloudWatch = cloudWatch;
        this.services = services;
    }

    @Override
    public Map<Slot, IntervalMetrics> fetch(Instant start, Instant end) {
        Map<Slot, IntervalMetrics> read = cloudWatch.fetch(start, end);
        Map<Slot, IntervalMetrics> result = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            IntervalMetrics m = read.get(slot);
            TargetHealthSummary health = services.targetHealth(slot);
            result.put(slot, new IntervalMetrics(m.requests(), m.errors5xx(), m.p95Millis(), m.p99Millis(),
                    (double) health.healthy(), (double) health.unhealthy(), m.p50Millis(), m.cpuPercent(),
                    m.memoryPercent(), m.custom()));
        }
        return Collections.unmodifiableMap(result);
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        return cloudWatch.alarmsInAlarm(alarmNames);
    }
}
