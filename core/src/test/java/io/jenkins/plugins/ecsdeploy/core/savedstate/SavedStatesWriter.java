package io.jenkins.plugins.ecsdeploy.core.savedstate;

import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the saved-state fixtures with the code as it is: one file per {@link SavedRun}, in the folder of the
 * current state format. Not part of the build (its name does not end in Test), since fixtures of a format that a
 * release has shipped must never change; run it by hand once for each new format:
 * {@code ./mvnw -pl core test -Dtest=SavedStatesWriter -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SavedStatesWriter {

    /** The folder of today's format. The first format, before the state carried a version, is {@code v1}. */
    static final String FORMAT = "v1";

    @Test
    void writeEveryFixture() throws IOException {
        Path dir = Path.of("src/test/resources").resolve(SavedStates.folder(FORMAT));
        Files.createDirectories(dir);
        for (SavedRun run : SavedRun.values()) {
            try (SavedRunDriver driver = new SavedRunDriver(run)) {
                String json = StateJson.write(driver.runToStop());
                Files.writeString(dir.resolve(run.fileName()), json + "\n", StandardCharsets.UTF_8);
            }
        }
    }
}
