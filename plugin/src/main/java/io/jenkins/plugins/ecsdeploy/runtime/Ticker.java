package io.jenkins.plugins.ecsdeploy.runtime;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jenkins.util.Timer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Runs a deployment's steps one at a time on the shared step pool, without any lock that another thread could
 * wait on: {@link #wake} (from the Pipeline thread, Jenkins' timer or a web request) either starts a pass or tells
 * the running pass to go round once more, and returns at once. Between steps nothing holds a thread: Jenkins'
 * timer wakes the ticker when the step asked.
 */
@Restricted(NoExternalUse.class)
public final class Ticker {

    /** One step of work. */
    @FunctionalInterface
    public interface Step {
        /** @return milliseconds until the next step, 0 for at once, or a negative number when there is none */
        long run();
    }

    private final Step step;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean finished;
    private volatile ScheduledFuture<?> timer;

    public Ticker(Step step) {
        this.step = step;
    }

    /** Runs the step soon on the pool, or once more after the pass in progress. Never blocks. */
    public void wake() {
        again.set(true);
        if (!finished && busy.compareAndSet(false, true)) {
            SharedRuntime.get().steps().execute(this::drain);
        }
    }

    /** Whether a step is running now (a safe restart waits for it, never for a whole bake). */
    public boolean isBusy() {
        return busy.get();
    }

    private void drain() {
        while (true) {
            again.set(false);
            long delay;
            try {
                delay = step.run();
            } catch (Throwable t) {
                // Steps complete their work on every path themselves; this only keeps a bug from leaving the
                // ticker busy for ever, which would make later wakes (an abort) do nothing.
                finished = true;
                busy.set(false);
                throw t;
            }
            if (delay < 0) {
                finished = true;
                cancelTimer();
                busy.set(false);
                return;
            }
            if (delay == 0 || again.get()) {
                continue;
            }
            busy.set(false);
            // A wake that came after the check above found busy still set: take the pass back and go round.
            if (again.get() && busy.compareAndSet(false, true)) {
                continue;
            }
            schedule(delay);
            return;
        }
    }

    private void schedule(long delayMillis) {
        cancelTimer();
        timer = Timer.get().schedule(this::wake, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
