package io.jenkins.plugins.ecsdeploy.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Optional;

/**
 * The share of production traffic, in whole percent, that each slot receives. Always adds up to 100.
 * ALB weights (0-999) are converted to percent on read and written as percent (which ALB accepts).
 * Serializable because requests carry it and the Jenkins plugin keeps requests in a Pipeline's saved program.
 */
public record TrafficSplit(int blue, int green) implements Serializable {

    private static final long serialVersionUID = 1L;

    @JsonCreator
    public TrafficSplit(@JsonProperty("blue") int blue, @JsonProperty("green") int green) {
        if (blue < 0 || blue > 100 || green < 0 || green > 100) {
            throw new IllegalArgumentException("Traffic weights must be between 0 and 100 percent, got blue="
                    + blue + ", green=" + green + ".");
        }
        if (blue + green != 100) {
            throw new IllegalArgumentException("Traffic weights must add up to 100 percent, got blue=" + blue
                    + " + green=" + green + " = " + (blue + green) + ".");
        }
        this.blue = blue;
        this.green = green;
    }

    public static TrafficSplit allTo(Slot slot) {
        return slot == Slot.BLUE ? new TrafficSplit(100, 0) : new TrafficSplit(0, 100);
    }

    /** The given slot receives {@code percent}, the other slot the rest. */
    public static TrafficSplit withShare(Slot slot, int percent) {
        return slot == Slot.BLUE ? new TrafficSplit(percent, 100 - percent) : new TrafficSplit(100 - percent, percent);
    }

    public int percentOf(Slot slot) {
        return slot == Slot.BLUE ? blue : green;
    }

    /** The slot that receives all traffic, or empty while traffic is split. */
    @JsonIgnore
    public Optional<Slot> soleSlot() {
        if (blue == 100) {
            return Optional.of(Slot.BLUE);
        }
        if (green == 100) {
            return Optional.of(Slot.GREEN);
        }
        return Optional.empty();
    }

    /**
     * Converts raw ALB weights (0-999 each, any total) to percent, rounding so that the two add up to 100.
     *
     * @throws IllegalArgumentException when both weights are zero (ALB then sends nothing anywhere)
     */
    public static TrafficSplit fromWeights(int blueWeight, int greenWeight) {
        int total = blueWeight + greenWeight;
        if (blueWeight < 0 || greenWeight < 0 || total == 0) {
            throw new IllegalArgumentException("Listener weights blue=" + blueWeight + ", green=" + greenWeight
                    + " route no traffic to either slot.");
        }
        int bluePercent = Math.round(blueWeight * 100f / total);
        return new TrafficSplit(bluePercent, 100 - bluePercent);
    }

    /** Parses {@code blue=90,green=10}; one side may be omitted ({@code green=10}). */
    public static TrafficSplit parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Weights are empty: write them as blue=90,green=10.");
        }
        Integer b = null;
        Integer g = null;
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("Cannot read weight '" + part.trim()
                        + "': write weights as blue=90,green=10.");
            }
            Slot slot = Slot.parse(kv[0]);
            int value;
            try {
                value = Integer.parseInt(kv[1].trim().replace("%", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Weight for " + slot + " is not a whole number: '"
                        + kv[1].trim() + "'.");
            }
            if (slot == Slot.BLUE) {
                if (b != null) {
                    throw new IllegalArgumentException("Weight for blue is given twice.");
                }
                b = value;
            } else {
                if (g != null) {
                    throw new IllegalArgumentException("Weight for green is given twice.");
                }
                g = value;
            }
        }
        if (b == null) {
            b = 100 - g;
        } else if (g == null) {
            g = 100 - b;
        }
        return new TrafficSplit(b, g);
    }

    @Override
    public String toString() {
        return "blue=" + blue + "%, green=" + green + "%";
    }
}
