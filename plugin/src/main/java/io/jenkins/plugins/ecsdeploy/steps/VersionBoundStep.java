package io.jenkins.plugins.ecsdeploy.steps;

import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that acts on a slot someone already prepared (canary, switch, rollback), and so can be tied to the version
 * that slot must run: {@code expectedImage:}. The engine refuses before any write when AWS shows another image.
 */
public abstract class VersionBoundStep extends AbstractDeploymentStep {

    private String expectedImage;

    /** The image the slot this step acts on must run (a tag such as v1.2.3, or a whole reference), or null. */
    public String getExpectedImage() {
        return expectedImage;
    }

    @DataBoundSetter
    public void setExpectedImage(String expectedImage) {
        this.expectedImage = FieldText.trimmed(expectedImage);
    }

    @Override
    protected String expectedImage() {
        return expectedImage;
    }
}
