package io.jenkins.plugins.ecsdeploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run keeps its state (for resume) and its record. */
final class RunOptions {

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".ecs-deploy",
            description = "Where the run's state is saved after every step, for resume (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Write the deployment record (JSON) here; default: <state-dir>/<id>.record.json.")
    Path record;

    Path stateFile(String id) {
        return stateDir.resolve(id + ".state.json");
    }

    Path recordFile(String id) {
        return record != null ? record : stateDir.resolve(id + ".record.json");
    }
}
