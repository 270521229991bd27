package io.jenkins.plugins.ecsdeploy.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a command needs from the world: output streams, the time, a way to wait, and AWS credentials. The real one
 * uses the system; tests pass one with a fake clock that jumps instead of sleeping.
 *
 * @param credentials credentials for AWS, or null for the SDK's default chain (or --profile)
 * @param abort where Ctrl-C and SIGTERM ask a run to stop; the sleeper should end its wait for it
 */
public record CliRuntime(PrintWriter out, PrintWriter err, Clock clock, Sleeper sleeper,
        AwsCredentialsProvider credentials, AbortSignal abort) {

    /** A runtime whose runs are never asked to stop. */
    public CliRuntime(PrintWriter out, PrintWriter err, Clock clock, Sleeper sleeper,
            AwsCredentialsProvider credentials) {
        this(out, err, clock, sleeper, credentials, new AbortSignal());
    }

    /** Waits until an instant; the engine says when it wants to be called again. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepUntil(Instant when) throws InterruptedException;
    }

    public static CliRuntime system() {
        Clock clock = Clock.systemUTC();
        AbortSignal abort = new AbortSignal();
        Sleeper sleeper = when -> abort.awaitUntil(when, clock);
        return new CliRuntime(new PrintWriter(System.out, true), new PrintWriter(System.err, true), clock, sleeper,
                null, abort);
    }
}
