package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ecs-deploy validate}: check the environment file without calling AWS. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the environment file offline; prints every problem with its field.")
final class ValidateCommand implements Callable<Integer>, RuntimeAware {

    @Mixin
    CommonOptions common;

    private CliRuntime runtime;

    @Override
    public void runtime(CliRuntime value) {
        this.runtime = value;
    }

    @Override
    public Integer call() {
        EnvironmentConfig config = common.loadConfig();
        ConfigValidator.requireValid(config);
        common.printer(runtime).message("Environment " + config.name() + " in " + config.region() + " is valid.");
        return ExitCodes.OK;
    }
}
