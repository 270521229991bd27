package io.jenkins.plugins.ecsdeploy.steps;

import io.jenkins.plugins.ecsdeploy.runtime.Ticker;
import java.io.Serial;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A Pipeline step execution whose work happens in short steps on the shared pool ({@link Ticker}), never on the
 * Pipeline's thread: {@link #start} and {@link #onResume} only wake it, and {@link #completed} guards the one
 * onSuccess or onFailure every execution owes its context.
 */
abstract class TickingStepExecution extends StepExecution {

    @Serial
    private static final long serialVersionUID = 1L;

    private transient volatile Ticker ticker;
    private transient AtomicBoolean completed;

    TickingStepExecution(StepContext context) {
        super(context);
    }

    /** One step of work on the pool; see {@link Ticker.Step#run}. */
    abstract long tick();

    @Override
    public boolean start() {
        ticker().wake();
        return false;
    }

    @Override
    public void onResume() {
        ticker().wake();
    }

    final synchronized Ticker ticker() {
        if (ticker == null) {
            ticker = new Ticker(this::tick);
            completed = new AtomicBoolean();
        }
        return ticker;
    }

    /** Set once the context was given its onSuccess or onFailure. */
    final synchronized AtomicBoolean completed() {
        ticker();
        return completed;
    }

    /** Whether a step is inside AWS right now (a safe restart waits for it, never for a whole bake). */
    @Override
    public boolean blocksRestart() {
        Ticker t = ticker;
        return t != null && t.isBusy();
    }
}
