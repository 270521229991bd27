package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.fail;

import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code ecs-deploy} as a real process: its own JVM with {@link Main}, the test's classpath, the fake's keys in the
 * environment (as a CI job passes them), so that a signal reaches it as it reaches a CLI in a terminal or CI job:
 * through the JVM's signal handling and shutdown hooks, which no in-process test goes through.
 */
final class CliProcess implements AutoCloseable {

    /** Long enough for a cold JVM on a busy two-core machine; a limit against hanging, not a timing check. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code ecs-deploy ARGS}; its output goes to files in {@code dir}, so a full pipe never blocks it. */
    static CliProcess start(Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                // A quicker start for a short run; the CLI's behaviour does not depend on the JIT or the collector.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        credentialsOnlyFromTheEnvironment(builder.environment(), dir);
        return new CliProcess(builder.start(), out, err);
    }

    /** The fake's keys, and no profile, config file or instance metadata of the machine the test runs on. */
    private static void credentialsOnlyFromTheEnvironment(Map<String, String> env, Path dir) {
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        AwsCredentials keys = SdkClients.credentials().resolveCredentials();
        env.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    /**
     * Waits until the run's saved state (in {@code stateDir}) is in one of {@code phases}; fails if the process ends
     * first.
     */
    void awaitPhase(Path stateDir, Phase... phases) throws IOException, InterruptedException {
        Set<Phase> wanted = EnumSet.copyOf(Arrays.asList(phases));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!phaseIn(stateDir).map(wanted::contains).orElse(false)) {
            if (!process.isAlive()) {
                fail("The CLI ended (exit code " + process.exitValue() + ") before " + wanted + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                fail("The CLI did not reach " + wanted + " in " + PATIENCE + ":\n" + output());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the process has made its first AWS call to {@code aws}; fails if it ends first. */
    void awaitCall(FakeAws aws) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (aws.callCount() == 0) {
            if (!process.isAlive()) {
                fail("The CLI ended (exit code " + process.exitValue() + ") before calling AWS:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                fail("The CLI did not call AWS in " + PATIENCE + ":\n" + output());
            }
            Thread.sleep(50);
        }
    }

    private static Optional<Phase> phaseIn(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return Optional.empty();
        }
        // The CLI replaces the state file atomically: a file read here is always a whole state.
        try (Stream<Path> files = Files.list(stateDir)) {
            Optional<Path> state = files.filter(f -> f.toString().endsWith(".state.json")).findFirst();
            if (state.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(StateJson.readState(Files.readString(state.get())).getPhase());
        }
    }

    /** Sends a signal ({@code INT}, {@code TERM}) to the process, as Ctrl-C or a CI job's abort does. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            fail("kill -s " + name + " failed with exit code " + kill.exitValue());
        }
    }

    /** The process's exit code, once it has ended. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            fail("The CLI did not end in " + PATIENCE + " after the signal:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * Whether the process ignores SIGINT, as a background job of a shell without job control does: the JVM then
     * leaves it ignored, and Ctrl-C cannot reach it at all.
     */
    boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return false; // Not Linux: nothing to tell, and a test that sends SIGINT anyway fails clearly.
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    List<String> stdoutLines() {
        try {
            return Files.readAllLines(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stderr() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both outputs, for a failure's message. */
    String output() {
        return String.join("\n", stdoutLines()) + "\n--- stderr ---\n" + stderr();
    }

    /** Ends a process a failed test left running, so that it does not outlive the build. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
