package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalMetrics;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** CloudWatch reads: ALB target-group metrics per slot, and alarm states. */
public interface MetricsSource {

    /**
     * The metrics of both slots' target groups over {@code [start, end)}, fetched in one GetMetricData call.
     * A metric with no data points is absent (null) in the result, never zero.
     */
    Map<Slot, IntervalMetrics> fetch(Instant start, Instant end);

    /** The names, among {@code alarmNames}, of the alarms in state ALARM now. */
    List<String> alarmsInAlarm(List<String> alarmNames);
}
