package io.jenkins.plugins.ecsdeploy.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A request to stop a run, from Ctrl-C or SIGTERM. The run loop takes it between two steps, and a wait between
 * steps ends early for it; nothing interrupts the thread that calls AWS, so no call is cut off midway.
 */
public final class AbortSignal {

    private boolean pending;
    private String why;
    private volatile boolean nothingToAbort;

    /**
     * Says that the command under way changes nothing in AWS (it only reads): Ctrl-C or SIGTERM then ends the
     * process at once, with the signal's 130 or 143, instead of waiting for the command to report.
     */
    void nothingToAbort() {
        nothingToAbort = true;
    }

    /** Whether a signal may end the process at once; see {@link #nothingToAbort()}. */
    boolean hasNothingToAbort() {
        return nothingToAbort;
    }

    /** Asks the run to stop; the first reason given is kept. */
    public synchronized void request(String reason) {
        if (why == null) {
            why = reason;
            pending = true;
            notifyAll();
        }
    }

    /** The reason of a request not yet taken, marking it taken; null when there is none. */
    synchronized String take() {
        if (!pending) {
            return null;
        }
        pending = false;
        return why;
    }

    /** Waits until {@code when} on {@code clock}, or until a request arrives that is not yet taken. */
    synchronized void awaitUntil(Instant when, Clock clock) throws InterruptedException {
        while (!pending) {
            long millis = Duration.between(clock.instant(), when).toMillis();
            if (millis <= 0) {
                return;
            }
            wait(millis);
        }
    }
}
