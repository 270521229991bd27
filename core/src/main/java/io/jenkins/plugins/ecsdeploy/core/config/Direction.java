package io.jenkins.plugins.ecsdeploy.core.config;

/** Which side of a threshold is bad for a metric: a latency fails above its limit, a throughput below. */
public enum Direction {
    ABOVE,
    BELOW;

    /** Whether {@code value} is past {@code level} on the bad side; a value exactly at the level is not. */
    public boolean beyond(double value, double level) {
        return this == ABOVE ? value > level : value < level;
    }
}
