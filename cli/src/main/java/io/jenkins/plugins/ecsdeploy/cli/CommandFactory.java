package io.jenkins.plugins.ecsdeploy.cli;

import picocli.CommandLine;

/** Gives every command the runtime (clock, streams, AWS connection) it runs with. */
final class CommandFactory implements CommandLine.IFactory {

    private final CliRuntime runtime;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (RuntimeAware.class.isAssignableFrom(cls)) {
            K command = cls.getDeclaredConstructor().newInstance();
            ((RuntimeAware) command).runtime(runtime);
            return command;
        }
        return fallback.create(cls);
    }
}
