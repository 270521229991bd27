package io.jenkins.plugins.ecsdeploy.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.List;

/** Reads a canary plan as a person types it in a form: {@code 5, 25, 50} (commas or spaces, percent signs allowed). */
final class StagePlanText {

    private StagePlanText() {
    }

    /**
     * @return the stages, or null for an empty field (the single-stage form is used instead)
     * @throws IllegalArgumentException naming the part that is not a percentage
     */
    @CheckForNull
    static List<Integer> parse(@CheckForNull String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Integer> stages = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            String number = part.endsWith("%") ? part.substring(0, part.length() - 1) : part;
            int value;
            try {
                value = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("stages: '" + part
                        + "' is not a whole percentage; write the plan like 5, 25, 50.", e);
            }
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("stages: " + value + " is not a percentage between 1 and 100.");
            }
            stages.add(value);
        }
        return stages;
    }
}
