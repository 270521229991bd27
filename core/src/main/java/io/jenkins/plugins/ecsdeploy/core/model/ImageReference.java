package io.jenkins.plugins.ecsdeploy.core.model;

import java.util.regex.Pattern;

/** Docker image references: the tag rules Docker itself enforces, and replacing a tag. */
public final class ImageReference {

    /** Docker's tag grammar: up to 128 word characters, dots and dashes, not starting with a dot or dash. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ImageReference() {
    }

    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }

    /**
     * @throws IllegalArgumentException naming the tag and Docker's rule
     */
    public static String requireValidTag(String tag) {
        if (!isValidTag(tag)) {
            throw new IllegalArgumentException("Image tag '" + tag + "' is not a valid Docker tag: use up to 128"
                    + " letters, digits, '_', '.' or '-', not starting with '.' or '-'.");
        }
        return tag;
    }

    /** The image with its tag (or digest) replaced by {@code tag}; the registry and repository are kept. */
    public static String withTag(String image, String tag) {
        requireValidTag(tag);
        return repositoryOf(image) + ":" + tag;
    }

    /** The image without tag or digest. A ':' before the last '/' is a registry port, not a tag. */
    public static String repositoryOf(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    /** The tag of an image reference, {@code latest} when none is given, or the digest when pinned by digest. */
    public static String tagOf(String image) {
        if (image == null) {
            return null;
        }
        if (image.contains("@")) {
            return image.substring(image.indexOf('@') + 1);
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "latest";
    }

    /**
     * Whether {@code actual} is the image a caller expects: the whole reference when {@code expected} names a
     * repository (has a ':' or a '/'), else only the tag, so {@code v1.2.3} matches {@code repo/web:v1.2.3}.
     */
    public static boolean matches(String expected, String actual) {
        if (expected == null) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        String want = expected.strip();
        return want.contains(":") || want.contains("/") ? want.equals(actual) : want.equals(tagOf(actual));
    }
}
