package io.jenkins.plugins.ecsdeploy.core.savedstate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the saved-state fixtures with the code as it is: one file per {@link SavedRun}, in the folder of the
 * format the state is saved in ({@code v2} for {@code "schemaVersion" : 2}; the first format, which carried no
 * version, is {@code v1}). Not part of the build (its name does not end in Test), since fixtures of a format that a
 * release has shipped must never change; run it by hand once for each new format, and add the format to
 * {@link ResumeSavedStateTest#FORMATS}:
 * {@code ./mvnw -pl core test -Dtest=SavedStatesWriter -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SavedStatesWriter {

    @Test
    void writeEveryFixture() throws IOException {
        try (FakeAccount account = new FakeAccount()) {
            for (SavedRun run : SavedRun.values()) {
                String json = StateJson.write(new SavedRunDriver(run, account).runToStop());
                JsonNode version = StateJson.mapper().readTree(json).get("schemaVersion");
                Path dir = Path.of("src/test/resources").resolve(SavedStates.folder("v" + (version == null ? 1
                        : version.intValue())));
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(run.fileName()), json + "\n", StandardCharsets.UTF_8);
            }
        }
    }
}
