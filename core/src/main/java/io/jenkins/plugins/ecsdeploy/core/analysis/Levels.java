package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.Direction;

/**
 * What one metric is held to in an interval: which side is bad, its fail and warn levels (for a relative check,
 * the margins over the stable slot), how its values read, and whether it is a traffic metric, which little traffic
 * leaves unjudged and a missing request count leaves unproven.
 *
 * @param fail the fail level or margin, or null
 * @param warn the warn level or margin, or null
 * @param unit the unit recorded with the verdict; null to take the format's
 */
record Levels(String metric, Direction direction, Double fail, Double warn, ValueFormat format, String unit,
        boolean traffic) {

    /**
     * @param failSetting the setting that holds the fail level, named if it is not a finite number
     * @param warnSetting likewise for the warn level
     * @throws IllegalArgumentException if a level is NaN or infinite, which would pass or fail everything
     */
    static Levels of(String metric, Direction direction, Double fail, String failSetting, Double warn,
            String warnSetting, ValueFormat format, String unit, boolean traffic) {
        return new Levels(metric, direction, finite(fail, failSetting), finite(warn, warnSetting), format,
                unit == null ? format.unit : unit, traffic);
    }

    private static Double finite(Double v, String setting) {
        if (v != null && !Double.isFinite(v)) {
            throw new IllegalArgumentException("analysis." + setting + " is " + v + ": set it to a number.");
        }
        return v;
    }

    String show(double v) {
        return format.show(v);
    }

    /** The comparison a value beyond a level reads with: {@code >} when above is bad. */
    String beyond() {
        return direction == Direction.ABOVE ? " > " : " < ";
    }

    /** The comparison a value within a level reads with. */
    String within() {
        return direction == Direction.ABOVE ? " ≤ " : " ≥ ";
    }
}
