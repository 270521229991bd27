package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EnvironmentLookup;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import java.io.IOException;

/**
 * Decides which environment a step deploys to: a configured one (by name, or the default), or a core YAML file
 * from the workspace. With a file, AWS access comes from the configured environment of the same name, if any, or
 * from the step's own credentials id.
 */
public final class TargetResolver {

    private TargetResolver() {
    }

    /**
     * @param workspace null when the step runs outside a {@code node} block
     * @throws AbortException naming what is missing and how to fix it
     */
    public static TargetEnvironment resolve(@CheckForNull String environment, @CheckForNull String configFile,
            @CheckForNull String credentialsId, Run<?, ?> run, @CheckForNull FilePath workspace)
            throws IOException, InterruptedException {
        String file = FieldText.trimmed(configFile);
        if (file == null) {
            if (FieldText.trimmed(credentialsId) != null) {
                throw new AbortException(Messages.TargetResolver_credentialsOnlyWithFile());
            }
            DeploymentEnvironment found = EnvironmentLookup.find(run.getParent(), environment);
            return TargetEnvironment.configured(found, EnvironmentLookup.isGlobal(found));
        }
        if (workspace == null) {
            throw new AbortException(Messages.TargetResolver_fileNeedsWorkspace(file));
        }
        FilePath path = workspace.child(file);
        if (!path.exists()) {
            throw new AbortException(Messages.TargetResolver_fileMissing(file, workspace.getRemote()));
        }
        String yaml = path.readToString();
        String name;
        try {
            name = ConfigLoader.parse(yaml, file).name();
        } catch (RuntimeException e) {
            // ConfigLoader reports unreadable YAML with the file name and field path in its message.
            throw new AbortException(Messages.TargetResolver_fileInvalid(file, e.getMessage()));
        }
        String wanted = FieldText.trimmed(environment) != null ? environment.trim() : name;
        DeploymentEnvironment access = wanted == null ? null
                : EnvironmentLookup.visibleFrom(run.getParent()).get(wanted);
        return TargetEnvironment.fromFile(yaml, file, access, FieldText.trimmed(credentialsId));
    }
}
