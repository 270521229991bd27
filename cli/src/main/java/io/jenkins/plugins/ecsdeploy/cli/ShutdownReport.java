package io.jenkins.plugins.ecsdeploy.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What Ctrl-C and SIGTERM do to the real process: the JVM's shutdown hook asks the run to abort, then waits until
 * the command has rolled back if it must, saved its record and printed its result, and ends the process with the
 * command's own exit code (1, 3 or 4), not the signal's 130 or 143. A hook that returned early would let the JVM
 * exit before the record and the result line were written. A command that only reads ({@code status}) has nothing
 * to report on a signal: the process ends at once with 130 or 143.
 */
final class ShutdownReport {

    /** Longest a signalled run may take to put traffic back and report before the process ends anyway. */
    private static final long MAX_WAIT_MINUTES = 10;

    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile int exitCode;

    private ShutdownReport() {
    }

    static ShutdownReport install(AbortSignal signal) {
        ShutdownReport report = new ShutdownReport();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> report.onShutdown(signal), "ecs-deploy-abort"));
        return report;
    }

    /** The command has printed its result: the process may end with {@code code}. */
    void reported(int code) {
        exitCode = code;
        reported.countDown();
    }

    private void onShutdown(AbortSignal signal) {
        if (reported.getCount() == 0) {
            // The command has reported: an ordinary exit, or a signal in the instant between the report and
            // System.exit, which would otherwise end the process with the signal's 130/143. Either way, its code.
            haltWith(exitCode);
            return;
        }
        if (signal.hasNothingToAbort()) {
            // A read-only command (status) has no record to write: the JVM ends now, with the signal's code,
            // rather than after reads that may take a minute of retries against an endpoint that hangs.
            return;
        }
        signal.request("interrupted by a signal");
        try {
            if (!reported.await(MAX_WAIT_MINUTES, TimeUnit.MINUTES)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        haltWith(exitCode);
    }

    private static void haltWith(int code) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
