package io.jenkins.plugins.ecsdeploy.cli;

import picocli.CommandLine;

/** {@code java -jar ecs-deploy.jar <command>}: see {@link EcsDeployCommand}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CliRuntime runtime = CliRuntime.system();
        ShutdownReport report = ShutdownReport.install(runtime.abort());
        int code = run(runtime, args);
        report.reported(code);
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; tests call this with their own runtime. */
    public static int run(CliRuntime runtime, String... args) {
        CommandLine cli = new CommandLine(new EcsDeployCommand(), new CommandFactory(runtime));
        cli.setOut(runtime.out());
        cli.setErr(runtime.err());
        boolean json = java.util.Arrays.asList(args).contains("--json");
        cli.setExecutionExceptionHandler(new ErrorHandler(runtime, json));
        CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, rest) -> {
            int code = usage.handleParseException(e, rest);
            if (json) {
                ErrorHandler.printJson(runtime, code, e.getMessage());
            }
            return code;
        });
        cli.registerConverter(java.time.Duration.class, DurationConverter.INSTANCE);
        return cli.execute(args);
    }
}
