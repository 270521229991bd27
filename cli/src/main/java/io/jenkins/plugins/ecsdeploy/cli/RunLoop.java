package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drives a run to its end: advance, save the state, wait until the engine wants to be called again. The engine
 * never sleeps; this loop does, and only here. Ctrl-C aborts the run (rolling traffic back if it had moved) and
 * waits for that to finish before the JVM exits.
 */
final class RunLoop {

    private final DeploymentEngine engine;
    private final CliRuntime runtime;
    private final Path stateFile;
    private volatile boolean interrupted;

    RunLoop(DeploymentEngine engine, CliRuntime runtime, Path stateFile) {
        this.engine = engine;
        this.runtime = runtime;
        this.stateFile = stateFile;
    }

    /** Runs until the state is finished; returns the finished state. */
    DeploymentState run(DeploymentState state) {
        Thread worker = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted = true;
            worker.interrupt();
            try {
                done.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "ecs-deploy-abort");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return loop(state);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting through the hook, which waits for `done`.
            }
        }
    }

    private DeploymentState loop(DeploymentState state) {
        StateFiles.save(state, stateFile);
        Instant next = runtime.clock().instant();
        while (next != null) {
            if (interrupted) {
                engine.requestAbort(state, "ecs-deploy (interrupted)", "the command was interrupted");
            }
            next = engine.advance(state, runtime.clock().instant());
            StateFiles.save(state, stateFile);
            if (next != null) {
                try {
                    runtime.sleeper().sleepUntil(next);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return state;
    }
}
