package io.jenkins.plugins.ecsdeploy.steps;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.ecsdeploy.Messages;
import java.io.Serial;
import java.io.Serializable;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Percent of production traffic for each slot, written in a Pipeline as {@code weights: [blue: 90, green: 10]}:
 * Pipeline turns that map into this object through its data-bound constructor (a plain {@code Map} parameter is
 * not supported by step argument binding). Validated by core's {@code TrafficSplit} when the step starts.
 */
public final class TrafficWeights implements Describable<TrafficWeights>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int blue;
    private final int green;

    @DataBoundConstructor
    public TrafficWeights(int blue, int green) {
        this.blue = blue;
        this.green = green;
    }

    public int getBlue() {
        return blue;
    }

    public int getGreen() {
        return green;
    }

    /** The form core's parser reads: {@code blue=90,green=10}. */
    public String asText() {
        return "blue=" + blue + ",green=" + green;
    }

    /** Labels the nested form in the snippet generator. */
    @Extension
    public static final class DescriptorImpl extends Descriptor<TrafficWeights> {

        @Override
        public String getDisplayName() {
            return Messages.TrafficWeights_displayName();
        }
    }
}
