package io.jenkins.plugins.ecsdeploy.core.engine.request;

/**
 * The {@code expectedImage} of a canary, switch or rollback request: what ties an operation to one version, so an
 * approval given for v5 never promotes, or returns traffic to, whatever another build left in the slot since.
 */
final class ExpectedImage {

    private ExpectedImage() {
    }

    /** Null for none; the value without surrounding blanks. */
    static String normalize(String image) {
        return image == null || image.isBlank() ? null : image.strip();
    }

    /** @throws IllegalArgumentException naming the field, when the value is blank or has blanks inside */
    static void requireValid(String image) {
        if (image != null && (image.isBlank() || image.strip().chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("expectedImage: '" + image + "' is not an image; give a tag such as"
                    + " v1.2.3 or a whole reference such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1.2.3,"
                    + " or leave it out.");
        }
    }

    static String describe(String image) {
        return image == null ? "" : " (expecting " + image + ")";
    }
}
