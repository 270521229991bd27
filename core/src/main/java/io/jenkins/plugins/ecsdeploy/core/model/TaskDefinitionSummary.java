package io.jenkins.plugins.ecsdeploy.core.model;

/** The parts of a task definition revision that users care about: which image the deployed container runs. */
public record TaskDefinitionSummary(String arn, String family, int revision, String image) {

    /** The tag of {@link #image}, or {@code latest} when the image names none; null when there is no image. */
    public String imageTag() {
        return ImageReference.tagOf(image);
    }
}
