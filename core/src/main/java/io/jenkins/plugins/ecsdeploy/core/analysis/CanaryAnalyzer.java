package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.analysis.ThresholdJudge.Margin;
import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.CustomMetricConfig;
import io.jenkins.plugins.ecsdeploy.core.config.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Judges one analysis interval of a canary from its metrics, the stable slot's metrics over the same interval,
 * and the alarms in ALARM. Pure: no clock, no AWS.
 *
 * <p>Rules, each producing one {@link MetricVerdict}, in this order:
 * <ul>
 * <li>errorRate: 5xx per request, in percent, above {@code maxErrorRatePercent} fails.</li>
 * <li>p50, p95 (each when it has a level) and p99: above the limit fails.</li>
 * <li>healthyHosts: no healthy target, or any unhealthy one, fails. Judged even with little traffic.</li>
 * <li>relativeErrorRate, relativeP50, relativeP95, relativeP99 (when configured): the canary compared with the
 * stable slot.</li>
 * <li>cpu, memory, relativeCpu, relativeMemory (when configured): the slot's ECS service utilization.</li>
 * <li>each custom metric, on its own and relative to the stable slot, in its direction.</li>
 * <li>alarm:NAME: every alarm in ALARM fails. Judged even with little traffic.</li>
 * </ul>
 * Each metric may have a warn level beside its fail level: beyond it the metric passes with a warning. A dry-run
 * metric is judged and recorded as what it would have decided, and does not count.
 *
 * <p>Fewer canary requests than {@code minRequests} make the rate and latency checks inconclusive: a handful of
 * requests says nothing either way. A metric without data (absent, NaN or infinite) is judged by
 * {@link AnalysisConfig#noDataFor}; a missing 5xx count next to a request count means no 5xx, because the load
 * balancer publishes that metric only when there are some. For the same reason a missing request count may mean
 * no request at all: while {@code minRequests} is set, a no-data PASS then does not pass the traffic metrics.
 */
public final class CanaryAnalyzer {

    private static final IntervalMetrics EMPTY = new IntervalMetrics(null, null, null, null, null, null);
    private static final List<String> PERCENTILES = List.of("p50", "p95", "p99");

    private CanaryAnalyzer() {
    }

    /**
     * @param canary the canary slot's metrics, or null if none were fetched
     * @param stable the stable slot's metrics over the same interval, or null
     * @param alarmsInAlarm the configured alarms that are in ALARM now
     * @throws IllegalArgumentException if a configured threshold is NaN or infinite
     */
    public static IntervalResult evaluate(AnalysisConfig cfg, IntervalMetrics canary, IntervalMetrics stable,
            List<String> alarmsInAlarm, Instant start, Instant end) {
        IntervalMetrics c = canary == null ? EMPTY : canary;
        IntervalMetrics s = stable == null ? EMPTY : stable;
        List<String> alarms = alarmsInAlarm == null ? List.of() : alarmsInAlarm;
        IntervalFindings findings = new IntervalFindings(cfg);
        Traffic canaryTraffic = Traffic.of(c, cfg.minRequests(), "");
        Traffic stableTraffic = Traffic.of(s, cfg.minRequests(), "stable slot ");
        if (c.requests() == null && cfg.minRequests() > 0) {
            findings.unprovenTraffic("no request count, so not the minimum of " + cfg.minRequests()
                    + " requests (minRequests); noData PASS does not stand in for traffic");
        }

        errorRate(findings, builtIn(cfg, "errorRate", ValueFormat.PERCENT, true), canaryTraffic, stableTraffic);
        for (String p : PERCENTILES) {
            if (cfg.checks(p)) {
                latency(findings, builtIn(cfg, p, ValueFormat.MILLIS, true), canaryTraffic, millis(c, p),
                        millis(s, p));
            }
        }
        hosts(findings, c, s);
        if (cfg.checks("relativeErrorRate")) {
            relative(findings, builtIn(cfg, "relativeErrorRate", ValueFormat.PERCENT, true), Margin.POINTS,
                    canaryTraffic.skipReason(), canaryTraffic.errorRate(), canaryTraffic.invalid(),
                    stableTraffic.skipReason(), stableTraffic.errorRate(), stableTraffic.invalid());
        }
        for (String p : PERCENTILES) {
            String metric = "relative" + p.toUpperCase(Locale.ROOT);
            if (cfg.checks(metric)) {
                relative(findings, builtIn(cfg, metric, ValueFormat.MILLIS, true), Margin.PERCENT,
                        canaryTraffic.skipReason(), finite(millis(c, p)), millis(c, p) != null,
                        stableTraffic.skipReason(), finite(millis(s, p)), millis(s, p) != null);
            }
        }
        utilization(cfg, findings, "cpu", c.cpuPercent(), s.cpuPercent());
        utilization(cfg, findings, "memory", c.memoryPercent(), s.memoryPercent());
        for (CustomMetricConfig custom : cfg.customMetrics()) {
            custom(findings, custom, c.custom().get(custom.name()), s.custom().get(custom.name()));
        }
        for (String alarm : alarms) {
            findings.add(new MetricVerdict("alarm:" + alarm, null, null, null, Verdict.FAIL,
                    "alarm " + alarm + " is in ALARM"));
        }
        return new IntervalResult(start, end, findings.verdict(), findings.verdicts(), alarms, findings.summary());
    }

    private static Levels builtIn(AnalysisConfig cfg, String metric, ValueFormat format, boolean traffic) {
        return Levels.of(metric, Direction.ABOVE, cfg.failLevel(metric), AnalysisConfig.failSetting(metric),
                cfg.warnLevel(metric), "warn." + metric, format, null, traffic);
    }

    private static void errorRate(IntervalFindings f, Levels l, Traffic canary, Traffic stable) {
        Double stableRate = stable.errorRate();
        if (canary.skipReason() != null) {
            f.notJudged(l, canary.skipReason(), stableRate, l.fail(), l.warn());
            return;
        }
        Double rate = canary.errorRate();
        if (rate == null) {
            f.noData(l, l.metric(), canary.invalid(), null, stableRate, l.fail(), l.warn());
            return;
        }
        f.add(ThresholdJudge.absolute(l, rate, stableRate, " (canary " + count(canary.errors()) + "/"
                + count(canary.requests()) + " requests)"));
    }

    private static void latency(IntervalFindings f, Levels l, Traffic canary, Double canaryMillis,
            Double stableMillis) {
        Double stable = finite(stableMillis);
        if (canary.skipReason() != null) {
            f.notJudged(l, canary.skipReason(), stable, l.fail(), l.warn());
            return;
        }
        value(f, l, canaryMillis, stable);
    }

    private static void hosts(IntervalFindings f, IntervalMetrics c, IntervalMetrics s) {
        Levels l = new Levels("healthyHosts", Direction.BELOW, 1.0, null, ValueFormat.NUMBER, null, false);
        Double healthy = finite(c.healthyHosts());
        Double unhealthy = finite(c.unhealthyHosts());
        Double stableHealthy = finite(s.healthyHosts());
        boolean noHealthy = healthy != null && healthy < 1;
        boolean someUnhealthy = unhealthy != null && unhealthy > 0;
        if (noHealthy || someUnhealthy) {
            String note = "healthyHosts " + count(healthy) + (noHealthy ? " (no healthy target)" : "")
                    + (someUnhealthy ? ", unhealthyHosts " + count(unhealthy) + " > 0" : "");
            f.add(new MetricVerdict("healthyHosts", healthy, stableHealthy, 1.0, Verdict.FAIL, note));
            return;
        }
        if (healthy == null) {
            f.noData(l, "healthyHosts", c.healthyHosts() != null, null, stableHealthy, 1.0, null);
            return;
        }
        f.add(new MetricVerdict("healthyHosts", healthy, stableHealthy, 1.0, Verdict.PASS, "healthyHosts "
                + count(healthy) + (unhealthy == null ? "" : ", none unhealthy")));
    }

    /** The slot's ECS service CPU or memory utilization, on its own and against the stable slot's, in points. */
    private static void utilization(AnalysisConfig cfg, IntervalFindings f, String metric, Double canary,
            Double stable) {
        if (cfg.checks(metric)) {
            value(f, builtIn(cfg, metric, ValueFormat.PERCENT, false), canary, finite(stable));
        }
        String relative = "relative" + Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
        if (cfg.checks(relative)) {
            relative(f, builtIn(cfg, relative, ValueFormat.PERCENT, false), Margin.POINTS, null, finite(canary),
                    canary != null, null, finite(stable), stable != null);
        }
    }

    private static void custom(IntervalFindings f, CustomMetricConfig c, Double canary, Double stable) {
        if (c.direction() == null) {
            throw new IllegalArgumentException("analysis.customMetrics " + c.name() + " has no direction: set "
                    + "above or below.");
        }
        String unit = c.metric() == null ? null : c.metric().unit();
        String at = "customMetrics[" + c.name() + "].";
        if (c.checksValue()) {
            value(f, Levels.of(c.name(), c.direction(), c.fail(), at + "fail", c.warn(), at + "warn",
                    ValueFormat.NUMBER, unit, false), canary, finite(stable));
        }
        if (c.checksRelative()) {
            Levels l = Levels.of(AnalysisConfig.RELATIVE + c.name(), c.direction(), c.relativeFailPercent(),
                    at + "relativeFailPercent", c.relativeWarnPercent(), at + "relativeWarnPercent",
                    ValueFormat.NUMBER, unit, false);
            relative(f, l, Margin.PERCENT, null, finite(canary), canary != null, null, finite(stable),
                    stable != null);
        }
    }

    /** A value held to its levels; without data, the metric's no-data policy decides. */
    private static void value(IntervalFindings f, Levels l, Double raw, Double stable) {
        Double value = finite(raw);
        if (value == null) {
            f.noData(l, l.metric(), raw != null, null, stable, l.fail(), l.warn());
            return;
        }
        f.add(ThresholdJudge.absolute(l, value, stable, ""));
    }

    /**
     * The canary against the stable slot. It needs both values and, for traffic metrics, enough traffic on both
     * sides: a relative check never passes silently, its note says what was missing.
     */
    private static void relative(IntervalFindings f, Levels l, Margin margin, String canarySkip, Double canary,
            boolean canaryInvalid, String stableSkip, Double stable, boolean stableInvalid) {
        if (canarySkip != null) {
            f.notJudged(l, canarySkip, stable, null, null);
        } else if (canary == null) {
            f.noData(l, l.metric() + " (canary)", canaryInvalid, null, stable, null, null);
        } else if (stableSkip != null) {
            f.notJudged(l, stableSkip, null, null, null);
        } else if (stable == null) {
            f.noData(l, l.metric() + " (stable slot)", stableInvalid, canary, null, null, null);
        } else {
            f.add(ThresholdJudge.relative(l, margin, canary, stable));
        }
    }

    private static Double millis(IntervalMetrics m, String percentile) {
        return switch (percentile) {
            case "p50" -> m.p50Millis();
            case "p95" -> m.p95Millis();
            default -> m.p99Millis();
        };
    }

    /** Null for absent, NaN or infinite values: CloudWatch math can produce the latter, and they prove nothing. */
    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    private static String count(Double v) {
        return v == null ? "?" : String.format(Locale.ROOT, "%.0f", v);
    }

    /**
     * One slot's traffic over the interval, cleaned of NaN.
     *
     * @param invalid a request or 5xx count was NaN or infinite
     * @param skipReason why rate and latency cannot be judged on this traffic, or null when they can
     */
    private record Traffic(Double requests, Double errors, boolean invalid, String skipReason) {

        static Traffic of(IntervalMetrics m, long minRequests, String who) {
            Double requests = finite(m.requests());
            Double errors = finite(m.errors5xx());
            boolean invalid = m.requests() != null && requests == null || m.errors5xx() != null && errors == null;
            String skip = requests != null && requests < minRequests
                    ? who + count(requests) + " requests < minimum " + minRequests : null;
            return new Traffic(requests, errors == null ? Double.valueOf(0) : errors, invalid, skip);
        }

        /** 5xx per request in percent, or null when there were no requests or a count is unusable. */
        Double errorRate() {
            if (requests == null || requests <= 0 || invalid) {
                return null;
            }
            return 100.0 * errors / requests;
        }
    }
}
