package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Judges one analysis interval of a canary from its metrics, the stable slot's metrics over the same interval,
 * and the alarms in ALARM. Pure: no clock, no AWS.
 *
 * <p>Rules, each producing one {@link MetricVerdict}:
 * <ul>
 * <li>errorRate: 5xx per request, in percent, above {@code maxErrorRatePercent} fails.</li>
 * <li>p95 (only when {@code maxP95Millis} is set) and p99: above the limit fails.</li>
 * <li>healthyHosts: no healthy target, or any unhealthy one, fails. Judged even with little traffic.</li>
 * <li>relativeErrorRate / relativeP99 (only when configured): the canary compared with the stable slot.</li>
 * <li>alarm:NAME: every alarm in ALARM fails. Judged even with little traffic.</li>
 * </ul>
 * Fewer canary requests than {@code minRequests} make the rate and latency checks inconclusive: a handful of
 * requests says nothing either way. A metric without data (absent, NaN or infinite) is judged by
 * {@link AnalysisConfig#noDataFor}; a missing 5xx count next to a request count means no 5xx, because the load
 * balancer publishes that metric only when there are some. For the same reason a missing request count may mean
 * no request at all: while {@code minRequests} is set, a no-data PASS then does not pass the traffic metrics.
 */
public final class CanaryAnalyzer {

    private static final IntervalMetrics EMPTY = new IntervalMetrics(null, null, null, null, null, null);

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

        errorRate(cfg, findings, canaryTraffic, stableTraffic);
        if (cfg.maxP95Millis() != null) {
            latency(findings, "p95", canaryTraffic, c.p95Millis(), s.p95Millis(),
                    finiteSetting(cfg.maxP95Millis(), "maxP95Millis"));
        }
        latency(findings, "p99", canaryTraffic, c.p99Millis(), s.p99Millis(),
                finiteSetting(cfg.maxP99Millis(), "maxP99Millis"));
        hosts(findings, c, s);
        if (cfg.maxErrorRateIncrease() != null) {
            relativeErrorRate(findings, canaryTraffic, stableTraffic,
                    finiteSetting(cfg.maxErrorRateIncrease(), "maxErrorRateIncrease"));
        }
        if (cfg.maxLatencyIncreasePercent() != null) {
            relativeP99(findings, canaryTraffic, stableTraffic, c.p99Millis(), s.p99Millis(),
                    finiteSetting(cfg.maxLatencyIncreasePercent(), "maxLatencyIncreasePercent"));
        }
        for (String alarm : alarms) {
            findings.add(new MetricVerdict("alarm:" + alarm, null, null, null, Verdict.FAIL,
                    "alarm " + alarm + " is in ALARM"));
        }
        return new IntervalResult(start, end, findings.verdict(), findings.verdicts(), alarms, findings.summary());
    }

    private static void errorRate(AnalysisConfig cfg, IntervalFindings f, Traffic canary, Traffic stable) {
        double max = finiteSetting(cfg.maxErrorRatePercent(), "maxErrorRatePercent");
        Double stableRate = stable.errorRate();
        if (canary.skipReason() != null) {
            f.notJudged("errorRate", canary.skipReason(), stableRate, max);
            return;
        }
        Double rate = canary.errorRate();
        if (rate == null) {
            f.noData("errorRate", "errorRate", canary.invalid(), null, stableRate, max);
            return;
        }
        boolean fail = rate > max;
        f.add(new MetricVerdict("errorRate", rate, stableRate, max, fail ? Verdict.FAIL : Verdict.PASS,
                "errorRate " + pct(rate) + (fail ? " > " : " ≤ ") + pct(max) + " (canary " + count(canary.errors())
                        + "/" + count(canary.requests()) + " requests)"));
    }

    private static void latency(IntervalFindings f, String metric, Traffic canary, Double canaryMillis,
            Double stableMillis, double max) {
        Double stable = finite(stableMillis);
        if (canary.skipReason() != null) {
            f.notJudged(metric, canary.skipReason(), stable, max);
            return;
        }
        Double value = finite(canaryMillis);
        if (value == null) {
            f.noData(metric, metric, canaryMillis != null, null, stable, max);
            return;
        }
        boolean fail = value > max;
        f.add(new MetricVerdict(metric, value, stable, max, fail ? Verdict.FAIL : Verdict.PASS,
                metric + " " + ms(value) + (fail ? " > " : " ≤ ") + ms(max)));
    }

    private static void hosts(IntervalFindings f, IntervalMetrics c, IntervalMetrics s) {
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
            f.noData("healthyHosts", "healthyHosts", c.healthyHosts() != null, null, stableHealthy, 1.0);
            return;
        }
        f.add(new MetricVerdict("healthyHosts", healthy, stableHealthy, 1.0, Verdict.PASS, "healthyHosts "
                + count(healthy) + (unhealthy == null ? "" : ", none unhealthy")));
    }

    private static void relativeErrorRate(IntervalFindings f, Traffic canary, Traffic stable, double margin) {
        String metric = "relativeErrorRate";
        if (canary.skipReason() != null) {
            f.notJudged(metric, canary.skipReason(), stable.errorRate(), null);
            return;
        }
        Double rate = canary.errorRate();
        if (rate == null) {
            f.noData(metric, metric + " (canary)", canary.invalid(), null, stable.errorRate(), null);
            return;
        }
        if (stable.skipReason() != null) {
            f.notJudged(metric, stable.skipReason(), null, null);
            return;
        }
        Double stableRate = stable.errorRate();
        if (stableRate == null) {
            f.noData(metric, metric + " (stable slot)", stable.invalid(), rate, null, null);
            return;
        }
        double limit = stableRate + margin;
        boolean fail = rate > limit;
        f.add(new MetricVerdict(metric, rate, stableRate, limit, fail ? Verdict.FAIL : Verdict.PASS,
                "relativeErrorRate canary " + pct(rate) + (fail ? " > " : " ≤ ") + "stable " + pct(stableRate)
                        + " + " + number(margin) + " points"));
    }

    private static void relativeP99(IntervalFindings f, Traffic canary, Traffic stable, Double canaryRaw,
            Double stableRaw, double increasePercent) {
        String metric = "relativeP99";
        Double canaryP99 = finite(canaryRaw);
        Double stableP99 = finite(stableRaw);
        if (canary.skipReason() != null) {
            f.notJudged(metric, canary.skipReason(), stableP99, null);
            return;
        }
        if (canaryP99 == null) {
            f.noData(metric, metric + " (canary)", canaryRaw != null, null, stableP99, null);
            return;
        }
        if (stable.skipReason() != null) {
            f.notJudged(metric, stable.skipReason(), null, null);
            return;
        }
        if (stableP99 == null) {
            f.noData(metric, metric + " (stable slot)", stableRaw != null, canaryP99, null, null);
            return;
        }
        double limit = stableP99 * (1 + increasePercent / 100);
        boolean fail = canaryP99 > limit;
        f.add(new MetricVerdict(metric, canaryP99, stableP99, limit, fail ? Verdict.FAIL : Verdict.PASS,
                "relativeP99 canary " + ms(canaryP99) + (fail ? " > " : " ≤ ") + "stable " + ms(stableP99) + " + "
                        + number(increasePercent) + "% = " + ms(limit)));
    }

    /** Null for absent, NaN or infinite values: CloudWatch math can produce the latter, and they prove nothing. */
    private static Double finite(Double v) {
        return v == null || v.isNaN() || v.isInfinite() ? null : v;
    }

    private static double finiteSetting(Double v, String name) {
        if (finite(v) == null) {
            throw new IllegalArgumentException("analysis." + name + " is " + v + ": set it to a number.");
        }
        return v;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.0f ms", v);
    }

    private static String count(Double v) {
        return v == null ? "?" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
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
