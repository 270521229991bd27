package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Runs command lines through {@link Main#run} against the stateful fake AWS, with a clock that jumps to whatever
 * instant the run loop sleeps until, and captures what they print.
 */
final class CliHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final FakeAws aws = FakeAws.startStandard();
    final Path dir;
    final Path config;
    private final AwsCredentialsProvider credentials;
    private Instant now = START;
    private StringWriter out;
    private StringWriter err;

    CliHarness(Path dir, AwsCredentialsProvider credentials) {
        this.dir = dir;
        this.credentials = credentials;
        this.config = dir.resolve("env.yaml");
        write(config, "name: prod-web\nregion: us-east-1\nendpointUrl: " + aws.endpoint() + "\ncluster: prod\n"
                + "container: app\nslots:\n  blue: {service: web-blue, targetGroup: web-blue}\n"
                + "  green: {service: web-green, targetGroup: web-green}\n"
                + "listener:\n  loadBalancer: web-alb\n  port: 443\n");
    }

    /** Runs one command line with {@code -c env.yaml --state-dir DIR/state} added where the command takes them. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        CliRuntime runtime = new CliRuntime(new PrintWriter(out, true), new PrintWriter(err, true), clock,
                when -> now = when.isAfter(now) ? when : now, credentials);
        return Main.run(runtime, args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
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

    @Override
    public void close() {
        aws.close();
    }
}
