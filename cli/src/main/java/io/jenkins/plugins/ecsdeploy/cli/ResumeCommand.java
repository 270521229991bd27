package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecs-deploy resume --state FILE}: continue a run whose CLI was killed, from its saved state. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its saved state file (after the command was killed or the machine restarted).")
final class ResumeCommand extends RunningCommand {

    @Option(names = "--state", required = true, paramLabel = "FILE", description = "The run's .state.json file.")
    Path stateFile;

    @Override
    public Integer call() {
        EnvironmentConfig config = common.loadConfig();
        Printer printer = common.printer(runtime);
        DeploymentState saved = StateFiles.load(stateFile);
        if (saved.isFinished()) {
            printer.message("Run " + saved.getId() + " already finished: " + saved.getRecord().getOutcome());
            return ExitCodes.of(saved);
        }
        if (!config.name().equals(saved.getRecord().getEnvironment())) {
            throw new IllegalArgumentException("State file " + stateFile + " belongs to environment '"
                    + saved.getRecord().getEnvironment() + "', not '" + config.name() + "': pass its config file.");
        }
        try (AwsClients clients = common.clients(config, runtime)) {
            DeploymentEngine engine = AwsEngines.create(config, clients, printer, lockSettings());
            printer.resuming(saved);
            // The record goes beside the state it resumed (unless --record says where), with the run's other files.
            Path recordFile = run.record != null ? run.record
                    : stateFile.resolveSibling(saved.getId() + ".record.json");
            return finish(new RunLoop(engine, runtime, stateFile).run(saved), printer, recordFile);
        }
    }
}
