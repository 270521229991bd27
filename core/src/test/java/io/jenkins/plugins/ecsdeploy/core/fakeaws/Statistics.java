package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch statistics: which names GetMetricData accepts, and the value of the common ones over one period's
 * raw samples. Percentiles use the nearest rank (the smallest sample with at least p % of the samples at or
 * below it); CloudWatch estimates them from its own sketch, which agrees on the small sets tests use.
 */
final class Statistics {

    /** Every statistic CloudWatch accepts in {@code MetricStat.Stat}; names are case-sensitive. */
    private static final Pattern VALID = Pattern.compile("SampleCount|Average|Sum|Minimum|Maximum|IQM"
            + "|(p|tm|wm|tc|ts)(100|\\d{1,2}(\\.\\d+)?)"
            + "|(TM|WM|TC|TS|PR)\\(\\d*(\\.\\d+)?%?:\\d*(\\.\\d+)?%?\\)");
    private static final Pattern PERCENTILE = Pattern.compile("p(100|\\d{1,2}(\\.\\d+)?)");

    private Statistics() {}

    static boolean valid(String stat) {
        return stat != null && VALID.matcher(stat).matches();
    }

    /**
     * The statistic over one period's samples, or null when there are none.
     *
     * @throws AwsError for a valid statistic the fake does not compute from samples (program its value instead)
     */
    static Double of(String stat, double[] samples) {
        if (samples == null || samples.length == 0) {
            return null;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        Matcher percentile = PERCENTILE.matcher(stat);
        if (percentile.matches()) {
            double p = Double.parseDouble(percentile.group(1));
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
        return switch (stat) {
            case "Sum" -> Arrays.stream(sorted).sum();
            case "Average" -> Arrays.stream(sorted).average().orElseThrow();
            case "Minimum" -> sorted[0];
            case "Maximum" -> sorted[sorted.length - 1];
            case "SampleCount" -> (double) sorted.length;
            default -> throw AwsError.client("FakeAwsCannotHandle", "The fake CloudWatch computes Sum, Average, "
                    + "Minimum, Maximum, SampleCount and pNN from samples; program " + stat + " with set().");
        };
    }
}
