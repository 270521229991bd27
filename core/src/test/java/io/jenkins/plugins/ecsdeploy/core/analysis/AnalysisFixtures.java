package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.AnalysisConfig;
import io.jenkins.plugins.ecsdeploy.core.config.NoDataPolicy;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builders for analysis settings, metrics and interval results, so that each test states only what matters. */
final class AnalysisFixtures {

    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-23T12:01:00Z");

    private AnalysisFixtures() {
    }

    static Cfg cfg() {
        return new Cfg();
    }

    /** A healthy slot's metrics: 200 requests, 1 error, p95 180 ms, p99 240 ms, 2 healthy and no unhealthy targets. */
    static Sample sample() {
        return new Sample(200.0, 1.0, 180.0, 240.0, 2.0, 0.0);
    }

    static IntervalResult interval(Verdict v) {
        String summary = v + ": interval " + v.name().toLowerCase(Locale.ROOT);
        return new IntervalResult(T0, T1, v, List.of(), List.of(), summary);
    }

    static List<IntervalResult> intervals(Verdict... verdicts) {
        return Arrays.stream(verdicts).map(AnalysisFixtures::interval).toList();
    }

    /** Sample metrics with fluent changes; {@link #m()} gives the record. */
    record Sample(Double requests, Double errors, Double p95, Double p99, Double healthy, Double unhealthy) {
        Sample requests(Double v) {
            return new Sample(v, errors, p95, p99, healthy, unhealthy);
        }

        Sample errors(Double v) {
            return new Sample(requests, v, p95, p99, healthy, unhealthy);
        }

        Sample p95(Double v) {
            return new Sample(requests, errors, v, p99, healthy, unhealthy);
        }

        Sample p99(Double v) {
            return new Sample(requests, errors, p95, v, healthy, unhealthy);
        }

        Sample healthy(Double v) {
            return new Sample(requests, errors, p95, p99, v, unhealthy);
        }

        Sample unhealthy(Double v) {
            return new Sample(requests, errors, p95, p99, healthy, v);
        }

        IntervalMetrics m() {
            return new IntervalMetrics(requests, errors, p95, p99, healthy, unhealthy);
        }
    }

    /** Analysis settings: unset fields keep the documented defaults. */
    static final class Cfg {
        private Double maxErrorRate;
        private Double maxP95;
        private Double maxP99;
        private Long minRequests;
        private Integer failureLimit;
        private Integer inconclusiveLimit;
        private NoDataPolicy noData;
        private final Map<String, NoDataPolicy> perMetric = new HashMap<>();
        private Double errorRateIncrease;
        private Double latencyIncrease;

        Cfg maxErrorRate(double v) {
            maxErrorRate = v;
            return this;
        }

        Cfg maxP95(double v) {
            maxP95 = v;
            return this;
        }

        Cfg maxP99(double v) {
            maxP99 = v;
            return this;
        }

        Cfg minRequests(long v) {
            minRequests = v;
            return this;
        }

        Cfg limits(int failures, int inconclusive) {
            failureLimit = failures;
            inconclusiveLimit = inconclusive;
            return this;
        }

        Cfg noData(NoDataPolicy v) {
            noData = v;
            return this;
        }

        Cfg noData(String metric, NoDataPolicy v) {
            perMetric.put(metric, v);
            return this;
        }

        Cfg errorRateIncrease(double points) {
            errorRateIncrease = points;
            return this;
        }

        Cfg latencyIncrease(double percent) {
            latencyIncrease = percent;
            return this;
        }

        AnalysisConfig build() {
            return new AnalysisConfig(null, maxErrorRate, maxP95, maxP99, minRequests, failureLimit,
                    inconclusiveLimit, noData, perMetric, errorRateIncrease, latencyIncrease, null);
        }
    }
}
