package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic shares a canary goes through and how long each stage is analysed. A final 100 is the promotion:
 * the canary then takes all traffic.
 *
 * @param percents the canary's share of traffic at each stage: 1..100, strictly ascending
 * @param stageDuration how long each stage is analysed before it may pass
 */
public record CanaryPlan(List<Integer> percents, Duration stageDuration) {

    private static final String EXAMPLE = "write them like 5,10,25,50,100";

    /**
     * @throws IllegalArgumentException naming the bad percentage or duration and what would be valid
     */
    public CanaryPlan {
        if (percents == null || percents.isEmpty()) {
            throw new IllegalArgumentException("Canary stages are empty: " + EXAMPLE + ".");
        }
        int previous = 0;
        for (Integer p : percents) {
            if (p == null || p < 1 || p > 100) {
                throw new IllegalArgumentException("Canary stage " + p + "% is out of range: each stage is 1 to "
                        + "100 percent; " + EXAMPLE + ".");
            }
            if (p <= previous) {
                throw new IllegalArgumentException("Canary stage " + p + "% does not follow " + previous
                        + "%: stages must rise strictly; " + EXAMPLE + ".");
            }
            previous = p;
        }
        if (stageDuration == null || stageDuration.isZero() || stageDuration.isNegative()) {
            throw new IllegalArgumentException("Canary stage duration "
                    + (stageDuration == null ? "is missing" : DurationText.format(stageDuration) + " is not positive")
                    + ": give each stage a duration like 5m.");
        }
        percents = List.copyOf(percents);
    }

    /** Explicit stages, e.g. 5, 25, 50, 100, each analysed for {@code stageDuration}. */
    public static CanaryPlan stages(List<Integer> percents, Duration stageDuration) {
        return new CanaryPlan(percents, stageDuration);
    }

    /**
     * Equal steps up to 100: a step of 10 gives 10, 20, ..., 100; a step of 30 gives 30, 60, 90, 100.
     *
     * @throws IllegalArgumentException if the step is not 1..100
     */
    public static CanaryPlan linear(int step, Duration interval) {
        if (step < 1 || step > 100) {
            throw new IllegalArgumentException("Linear canary step " + step + "% is out of range: use 1 to 100, "
                    + "for example 10 for 10, 20, ..., 100.");
        }
        List<Integer> percents = new ArrayList<>();
        for (int p = step; p < 100; p += step) {
            percents.add(p);
        }
        percents.add(100);
        return new CanaryPlan(percents, interval);
    }

    /**
     * Reads the command line's form: stages {@code "5,10,25,50,100"} and a duration {@code "5m"}.
     *
     * @throws IllegalArgumentException naming the part that cannot be read
     */
    public static CanaryPlan parse(String stagesCsv, String duration) {
        if (stagesCsv == null || stagesCsv.isBlank()) {
            throw new IllegalArgumentException("Canary stages are empty: " + EXAMPLE + ".");
        }
        List<Integer> percents = new ArrayList<>();
        for (String part : stagesCsv.split(",", -1)) {
            String p = part.trim();
            if (p.endsWith("%")) {
                p = p.substring(0, p.length() - 1).trim();
            }
            try {
                percents.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Canary stage '" + part.trim() + "' in '" + stagesCsv
                        + "' is not a whole percentage: " + EXAMPLE + ".", e);
            }
        }
        Duration d;
        try {
            d = DurationText.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Canary stage duration: " + e.getMessage(), e);
        }
        return new CanaryPlan(percents, d);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Integer p : percents) {
            sb.append(p).append("%, ");
        }
        return sb.append(DurationText.format(stageDuration)).append(" each").toString();
    }
}
