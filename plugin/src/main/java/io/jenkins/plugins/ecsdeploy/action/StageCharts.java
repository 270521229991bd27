package io.jenkins.plugins.ecsdeploy.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageSeries;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The charts of a canary stage, one per metric judged in any of its intervals (built-in, custom metrics and
 * alarms alike): per interval, the canary's and the stable slot's value, the fail and warn levels, and the
 * verdict. Rendered by {@code deployment-charts.js} with ECharts.
 */
@Restricted(NoExternalUse.class)
public final class StageCharts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One chart: the metric, how its values read, whether it was a dry run, and its data for the script. */
    public record Chart(String metric, String unit, boolean dryRun, String json) {
    }

    private StageCharts() {
    }

    public static List<Chart> of(StageRecord stage) {
        return StageSeries.of(stage).stream().map(StageCharts::chart).toList();
    }

    private static Chart chart(StageSeries s) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("metric", s.metric());
        model.put("times", s.times().stream().map(TIME::format).toList());
        model.put("canary", s.canary());
        model.put("stable", s.stable());
        model.put("threshold", s.threshold());
        model.put("warn", s.warnThreshold());
        model.put("verdicts", s.verdicts().stream().map(v -> v == null ? null : v.name()).toList());
        model.put("warned", s.warned());
        try {
            return new Chart(s.metric(), Objects.requireNonNullElse(s.unit(), ""), s.dryRun(),
                    StateJson.mapper().writeValueAsString(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chart data of metric " + s.metric() + " cannot be written", e);
        }
    }
}
