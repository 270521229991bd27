package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;

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

    /**
     * The newest saved state in {@code dir} of a run of {@code environment} that resolved its names, or null: what
     * an operator's rollback reuses to reach AWS with only the calls that move traffic. Unreadable files (another
     * release's, half-copied) are passed over.
     */
    static DeploymentState latestResolved(Path dir, String environment) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            List<Path> newestFirst = files.filter(f -> f.getFileName().toString().endsWith(".state.json"))
                    .sorted(Comparator.comparing(StateFiles::modified).reversed()).limit(20).toList();
            for (Path f : newestFirst) {
                try {
                    DeploymentState s = load(f);
                    if (environment.equals(s.getRecord().getEnvironment()) && s.getResolved() != null) {
                        return s;
                    }
                } catch (RuntimeException unreadable) {
                    // Not a state this release reads: resolve afresh rather than fail an emergency rollback.
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
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
