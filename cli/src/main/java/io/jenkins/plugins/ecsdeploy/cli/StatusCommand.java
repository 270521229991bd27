package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import picocli.CommandLine.Command;

/** {@code ecs-deploy status}: both slots and the traffic split, read live from AWS. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show both slots (image, tasks, health) and the traffic split, read live from AWS.")
final class StatusCommand extends ConfigCommand {

    @Override
    public Integer call() {
        runtime.abort().nothingToAbort();
        EnvironmentConfig config = common.loadConfig();
        try (AwsClients clients = common.clients(config, runtime)) {
            common.printer(runtime).status(AwsEngines.statusReader(config, clients).read(config,
                    runtime.clock().instant()));
            return ExitCodes.OK;
        }
    }
}
