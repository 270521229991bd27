package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves a run's state after every step, so a killed CLI can be resumed ({@code ecs-deploy resume}). Writes go to a
 * temporary file that replaces the old one atomically: a crash mid-write never leaves half a state.
 */
final class StateFiles {

    private StateFiles() {
    }

    static void save(DeploymentState state, Path file) {
        write(file, StateJson.write(state));
    }

    static void saveRecord(DeploymentState state, Path file) {
        write(file, StateJson.write(state.getRecord()));
    }

    static DeploymentState load(Path file) {
        try {
            return StateJson.readState(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read state file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
