package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import picocli.CommandLine.Command;

/** {@code ecs-deploy validate}: check the environment file without calling AWS. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the environment file offline; prints every problem with its field.")
final class ValidateCommand extends ConfigCommand {

    @Override
    public Integer call() {
        EnvironmentConfig config = common.loadConfig();
        ConfigValidator.requireValid(config);
        common.printer(runtime).message("Environment " + config.name() + " in " + config.region() + " is valid.");
        return ExitCodes.OK;
    }
}
