package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import picocli.CommandLine;

/** Turns an error that escaped a command into one clear message and the documented exit code; no stack trace. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private final CliRuntime runtime;

    ErrorHandler(CliRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof InvalidConfigException || e instanceof IllegalArgumentException) {
            runtime.err().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof AwsFailure || e instanceof PreflightException) {
            runtime.err().println("error: " + e.getMessage());
            return ExitCodes.AWS_ERROR;
        }
        runtime.err().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + " (please report it)");
        return ExitCodes.FAILED;
    }
}
