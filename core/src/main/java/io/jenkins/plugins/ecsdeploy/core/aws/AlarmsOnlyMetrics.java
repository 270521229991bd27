package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.engine.port.MetricsSource;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics for slots whose metrics this tool cannot name (kind none: any two endpoints): every interval has no data,
 * which the analysis judges by its no-data policy, and the configured alarms gate the run as usual.
 */
final class AlarmsOnlyMetrics implements MetricsSource {

    private static final IntervalMetrics NO_DATA = new IntervalMetrics(null, null, null, null, null, null);

    private final CloudWatchAlarms alarms;

    AlarmsOnlyMetrics(CloudWatchAlarms alarms) {
        this.alarms = alarms;
    }

    @Override
    public Map<Slot, IntervalMetrics> fetch(Instant start, Instant end) {
        Map<Slot, IntervalMetrics> none = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            none.put(slot, NO_DATA);
        }
        return none;
    }

    @Override
    public List<String> alarmsInAlarm(List<String> alarmNames) {
        return alarms.inAlarm(alarmNames);
    }
}
