package io.jenkins.plugins.ecsdeploy.core.savedstate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Where the saved-state fixtures are kept: one folder per state format, one file per {@link SavedRun}. */
final class SavedStates {

    private SavedStates() {
    }

    static String folder(String format) {
        return "io/jenkins/plugins/ecsdeploy/core/savedstate/" + format;
    }

    /** The fixture of {@code run} saved in {@code format}, or null when that format has none for it. */
    static String read(String format, SavedRun run) {
        try (InputStream in = SavedStates.class.getClassLoader().getResourceAsStream(folder(format) + "/"
                + run.fileName())) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
