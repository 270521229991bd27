package io.jenkins.plugins.ecsdeploy.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.MetricVerdict;
import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The data behind a canary stage's charts: per analysis interval, the canary's and the stable slot's value of a
 * metric and the threshold it was held to. Rendered by {@code deployment-charts.js} with ECharts.
 */
@Restricted(NoExternalUse.class)
public final class StageCharts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private StageCharts() {
    }

    /** JSON for one metric of one stage ({@code errorRate} or {@code p99}), read by the page's script. */
    public static String json(StageRecord stage, String metric) {
        List<String> times = new ArrayList<>();
        List<Double> canary = new ArrayList<>();
        List<Double> stable = new ArrayList<>();
        List<Double> threshold = new ArrayList<>();
        for (IntervalResult interval : stage.getIntervals()) {
            times.add(TIME.format(interval.end()));
            MetricVerdict v = interval.metrics().stream().filter(m -> metric.equals(m.metric())).findFirst()
                    .orElse(null);
            canary.add(v == null ? null : v.canary());
            stable.add(v == null ? null : v.stable());
            threshold.add(v == null ? null : v.threshold());
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("metric", metric);
        model.put("times", times);
        model.put("canary", canary);
        model.put("stable", stable);
        model.put("threshold", threshold);
        try {
            return StateJson.mapper().writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chart data of stage " + stage.getIndex() + " cannot be written", e);
        }
    }
}
