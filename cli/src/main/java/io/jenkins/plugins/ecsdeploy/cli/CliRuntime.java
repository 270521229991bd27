package io.jenkins.plugins.ecsdeploy.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a command needs from the world: output streams, the time, a way to wait, and AWS credentials. The real one
 * uses the system; tests pass one with a fake clock that jumps instead of sleeping.
 *
 * @param credentials credentials for AWS, or null for the SDK's default chain (or --profile)
 */
public record CliRuntime(PrintWriter out, PrintWriter err, Clock clock, Sleeper sleeper,
        AwsCredentialsProvider credentials) {

    /** Waits until an instant; the engine says when it wants to be called again. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepUntil(Instant when) throws InterruptedException;
    }

    public static CliRuntime system() {
        Clock clock = Clock.systemUTC();
        Sleeper sleeper = when -> {
            long millis = Duration.between(clock.instant(), when).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        };
        return new CliRuntime(new PrintWriter(System.out, true), new PrintWriter(System.err, true), clock, sleeper,
                null);
    }
}
