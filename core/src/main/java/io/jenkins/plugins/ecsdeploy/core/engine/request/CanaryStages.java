package io.jenkins.plugins.ecsdeploy.core.engine.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.jenkins.plugins.ecsdeploy.core.config.DurationDeserializer;
import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The traffic shares a canary goes through and how long each stage is analysed. A final 100 is the promotion:
 * the canary then takes all traffic.
 *
 * <p>The factories ({@link #stages}, {@link #linear}, {@link #parse}) check a plan as a person wrote it on the
 * command line, naming the bad part. The constructor takes any value, as a request built by a program or read
 * from a saved state may hold; the engine checks it ({@link #requireValid}) when the run starts.
 *
 * @param percents the canary's share of traffic at each stage: 1..100, strictly ascending
 * @param stageDuration how long each stage is analysed before it may pass
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CanaryStages(List<Integer> percents,
        @JsonDeserialize(using = DurationDeserializer.class) Duration stageDuration) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String EXAMPLE = "write them like 5,10,25,50,100";
    static final String NONE = "stages: give at least one canary percentage, e.g. 10 or 5,25,50.";

    public CanaryStages {
        percents = percents == null ? List.of() : List.copyOf(percents);
    }

    /**
     * As a run starts: at least one stage, each a percentage above the one before, and a positive duration.
     *
     * @throws IllegalArgumentException naming the field ({@code stages} or {@code stageDuration}) and the value
     */
    void requireValid() {
        if (percents.isEmpty()) {
            throw new IllegalArgumentException(NONE);
        }
        int previous = 0;
        for (Integer p : percents) {
            if (p == null || p < 1 || p > 100) {
                throw new IllegalArgumentException("stages: " + p + " is not a percentage from 1 to 100.");
            }
            if (p <= previous) {
                throw new IllegalArgumentException("stages: must go up, but " + p + " follows " + previous + ".");
            }
            previous = p;
        }
        if (stageDuration == null || stageDuration.isZero() || stageDuration.isNegative()) {
            throw new IllegalArgumentException("stageDuration: canary stages need a duration such as 5m.");
        }
    }

    /**
     * A plan as a person wrote it.
     *
     * @throws IllegalArgumentException naming the bad percentage or duration and what would be valid
     */
    private static CanaryStages checked(List<Integer> percents, Duration stageDuration) {
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
        return new CanaryStages(percents, stageDuration);
    }

    /** Explicit stages, e.g. 5, 25, 50, 100, each analysed for {@code stageDuration}. */
    public static CanaryStages stages(List<Integer> percents, Duration stageDuration) {
        return checked(percents, stageDuration);
    }

    /**
     * Equal steps up to 100: a step of 10 gives 10, 20, ..., 100; a step of 30 gives 30, 60, 90, 100.
     *
     * @throws IllegalArgumentException if the step is not 1..100
     */
    public static CanaryStages linear(int step, Duration interval) {
        if (step < 1 || step > 100) {
            throw new IllegalArgumentException("Linear canary step " + step + "% is out of range: use 1 to 100, "
                    + "for example 10 for 10, 20, ..., 100.");
        }
        List<Integer> percents = new ArrayList<>();
        for (int p = step; p < 100; p += step) {
            percents.add(p);
        }
        percents.add(100);
        return checked(percents, interval);
    }

    /**
     * Reads the command line's form: stages {@code "5,10,25,50,100"} and a duration {@code "5m"}.
     *
     * @throws IllegalArgumentException naming the part that cannot be read
     */
    public static CanaryStages parse(String stagesCsv, String duration) {
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
        return checked(percents, d);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Integer p : percents) {
            sb.append(p).append("%, ");
        }
        return sb.append(stageDuration == null ? "no duration" : DurationText.format(stageDuration)).append(" each")
                .toString();
    }
}
