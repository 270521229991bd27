package io.jenkins.plugins.ecsdeploy.cli;

/** A command that is handed the {@link CliRuntime} when picocli creates it. */
interface RuntimeAware {

    void runtime(CliRuntime runtime);
}
