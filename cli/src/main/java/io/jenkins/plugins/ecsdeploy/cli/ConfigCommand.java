package io.jenkins.plugins.ecsdeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that reads the environment file and needs the runtime, and returns an exit code. */
abstract class ConfigCommand implements Callable<Integer>, RuntimeAware {

    @Mixin
    CommonOptions common;

    CliRuntime runtime;

    @Override
    public void runtime(CliRuntime value) {
        this.runtime = value;
    }
}
