package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Runs the command line in-process against the fake AWS, with a clock that jumps instead of sleeping, and
 * captures what it prints.
 */
final class CliHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final FakeAws aws = FakeAws.startStandard();
    final Path dir;
    final Path config;
    private final AwsCredentialsProvider credentials;
    Instant now = START;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    /** Sleeps allowed before the sleeper "kills" the process; negative means never. */
    int killAfterSleeps = -1;
    /**
     * The phase in which a signal (Ctrl-C, SIGTERM) arrives, while the run waits in it; PREFLIGHT means before the
     * run's first step. Null for none.
     */
    Phase signalIn;
    /** Where the signalled run saves its state, to see its phase as a waiting process would be in it. */
    Path signalStateDir;

    CliHarness(Path dir) {
        this(dir, SdkClients.credentials());
    }

    CliHarness(Path dir, AwsCredentialsProvider credentials) {
        this.dir = dir;
        this.credentials = credentials;
        this.config = dir.resolve("env.yaml");
        write(config, "name: prod-web\nregion: us-east-1\nendpointUrl: " + aws.endpoint() + "\ncluster: prod\n"
                + "container: app\nslots:\n  blue: {service: web-blue, targetGroup: web-blue}\n"
                + "  green: {service: web-green, targetGroup: web-green}\n"
                + "listener: {loadBalancer: web-alb, port: 443}\n");
    }

    Path stateDir() {
        return dir.resolve("state");
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ecs-deploy ARGS} in-process; returns its exit code. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Clock clock = new SimulatedClock(() -> now);
        int[] sleeps = {0};
        CliRuntime.Sleeper sleeper = when -> {
            if (killAfterSleeps >= 0 && sleeps[0]++ >= killAfterSleeps) {
                throw new IllegalStateException("killed");
            }
            if (when.isAfter(now)) {
                now = when;
            }
        };
        AbortSignal abort = new AbortSignal();
        CliRuntime.Sleeper signalled = when -> {
            sleeper.sleepUntil(when);
            if (signalIn != null && signalIn == phaseOfTheRun()) {
                abort.request("interrupted by a signal");
            }
        };
        if (signalIn == Phase.PREFLIGHT) {
            abort.request("interrupted by a signal");
        }
        CliRuntime runtime = new CliRuntime(new PrintWriter(out, true), new PrintWriter(err, true), clock, signalled,
                credentials, abort);
        return Main.run(runtime, args);
    }

    private Phase phaseOfTheRun() {
        try (var files = Files.list(signalStateDir)) {
            Path state = files.filter(f -> f.toString().endsWith(".state.json")).findFirst().orElseThrow();
            return StateJson.readState(Files.readString(state)).getPhase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        aws.close();
    }
}
