package io.jenkins.plugins.ecsdeploy.core.model;

import java.util.Locale;

/** One of the two copies of the service; traffic goes to one of them (or is split between them). */
public enum Slot {
    BLUE,
    GREEN;

    public Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** Lower-case name, as users write it in configs, steps and the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a user-supplied slot name.
     *
     * @throws IllegalArgumentException naming the bad value and the valid ones
     */
    public static Slot parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("blue")) {
                return BLUE;
            }
            if (v.equals("green")) {
                return GREEN;
            }
        }
        throw new IllegalArgumentException(
                "Unknown slot '" + value + "': use 'blue' or 'green'.");
    }

    @Override
    public String toString() {
        return id();
    }
}
