package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import picocli.CommandLine;

/**
 * Turns an error that escaped a command into one clear message and the documented exit code; no stack trace. With
 * {@code --json} the error is also a JSON line on standard output ({@code type: error}), so a program reading the
 * output sees every outcome there.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    private final CliRuntime runtime;
    private final boolean json;

    ErrorHandler(CliRuntime runtime, boolean json) {
        this.runtime = runtime;
        this.json = json;
    }

    /** {@code {"type":"error","exitCode":N,"message":"..."}} on standard output. */
    static void printJson(CliRuntime runtime, int exitCode, String message) {
        java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("type", "error");
        line.put("exitCode", exitCode);
        line.put("message", message);
        runtime.out().println(io.jenkins.plugins.ecsdeploy.core.engine.StateJson.writeLine(line));
        runtime.out().flush();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        int code = report(e);
        if (json) {
            printJson(runtime, code, e.getMessage());
        }
        return code;
    }

    private int report(Exception e) {
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
