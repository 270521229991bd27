package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/** Shared by the commands that run the engine to the end: options, the run loop's files, the record. */
abstract class RunningCommand extends ConfigCommand {

    @Mixin
    RunOptions run;

    int finish(DeploymentState state, Printer printer) {
        return finish(state, printer, run.recordFile(state.getId()));
    }

    int finish(DeploymentState state, Printer printer, Path recordFile) {
        StateFiles.saveRecord(state, recordFile);
        printer.result(state, recordFile);
        return ExitCodes.of(state);
    }

    /** Where the run's deployment lock says it is driven from. */
    static LockSettings lockSettings() {
        return LockSettings.at("cli@" + LockSettings.localHost());
    }

    static String user() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "cli" : u + " (cli)";
    }
}
