package io.jenkins.plugins.ecsdeploy.core.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart data of a canary stage: one series per metric judged in any of its intervals, one point per interval
 * (the interval's end), with the canary's and the stable slot's values, the fail and warn limits, and the verdict.
 * A point is null where the interval did not judge the metric. Built-in metrics come first, in the order they are
 * judged, then custom metrics and alarms as they appear.
 *
 * @param metric the metric's name, as in {@link MetricVerdict#metric()}
 * @param unit how its values read (ms, %, a CloudWatch unit), or null
 * @param dryRun the metric was a dry run: its verdicts did not count
 * @param times the end of each interval
 */
public record StageSeries(String metric, String unit, boolean dryRun, List<Instant> times, List<Double> canary,
        List<Double> stable, List<Double> threshold, List<Double> warnThreshold, List<Verdict> verdicts,
        List<Boolean> warned) {

    /** Every metric of the stage's intervals as a series. */
    public static List<StageSeries> of(StageRecord stage) {
        List<IntervalResult> intervals = stage.getIntervals();
        Map<String, MetricVerdict[]> byMetric = new LinkedHashMap<>();
        for (int i = 0; i < intervals.size(); i++) {
            for (MetricVerdict m : intervals.get(i).metrics()) {
                byMetric.computeIfAbsent(m.metric(), k -> new MetricVerdict[intervals.size()])[i] = m;
            }
        }
        List<Instant> times = intervals.stream().map(IntervalResult::end).toList();
        List<StageSeries> series = new ArrayList<>();
        byMetric.forEach((metric, points) -> series.add(of(metric, times, points)));
        return series;
    }

    private static StageSeries of(String metric, List<Instant> times, MetricVerdict[] points) {
        List<Double> canary = new ArrayList<>();
        List<Double> stable = new ArrayList<>();
        List<Double> threshold = new ArrayList<>();
        List<Double> warn = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        List<Boolean> warned = new ArrayList<>();
        String unit = null;
        boolean dryRun = false;
        for (MetricVerdict m : points) {
            canary.add(m == null ? null : m.canary());
            stable.add(m == null ? null : m.stable());
            threshold.add(m == null ? null : m.threshold());
            warn.add(m == null ? null : m.warnThreshold());
            verdicts.add(m == null ? null : m.verdict());
            warned.add(m == null ? null : m.warned());
            if (m != null) {
                unit = unit == null ? m.unit() : unit;
                dryRun |= m.dryRun();
            }
        }
        return new StageSeries(metric, unit, dryRun, times, nullable(canary), nullable(stable), nullable(threshold),
                nullable(warn), nullable(verdicts), nullable(warned));
    }

    /** List.copyOf refuses nulls, and a missing point is one. */
    private static <T> List<T> nullable(List<T> values) {
        return Collections.unmodifiableList(values);
    }
}
