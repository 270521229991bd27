package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Drives a run to its end: advance, save the state, wait until the engine wants to be called again. The engine
 * never sleeps; this loop does, and only here. Ctrl-C or SIGTERM ({@link AbortSignal}) ends the wait early and
 * aborts the run at its next step (rolling traffic back if it had moved); the step under way, and its AWS calls,
 * finish first: the thread is never interrupted.
 */
final class RunLoop {

    private final DeploymentEngine engine;
    private final CliRuntime runtime;
    private final Path stateFile;

    RunLoop(DeploymentEngine engine, CliRuntime runtime, Path stateFile) {
        this.engine = engine;
        this.runtime = runtime;
        this.stateFile = stateFile;
    }

    /** Runs until the state is finished; returns the finished state. */
    DeploymentState run(DeploymentState state) {
        StateFiles.save(state, stateFile);
        Instant next = runtime.clock().instant();
        while (next != null) {
            String why = runtime.abort().take();
            if (why != null) {
                engine.requestAbort(state, "ecs-deploy (" + why + ")", "the command was " + why);
            }
            next = engine.advance(state, runtime.clock().instant());
            StateFiles.save(state, stateFile);
            if (next != null) {
                try {
                    runtime.sleeper().sleepUntil(next);
                } catch (InterruptedException e) {
                    runtime.abort().request("interrupted");
                }
            }
        }
        return state;
    }
}
