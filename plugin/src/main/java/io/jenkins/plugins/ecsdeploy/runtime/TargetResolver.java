package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import io.jenkins.plugins.ecsdeploy.environment.EnvironmentLookup;
import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import java.io.IOException;
import jenkins.util.SystemProperties;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Decides which environment a step deploys to and how it reaches AWS: a configured one (by name, or the default),
 * or a core YAML file from the workspace. Workspace content is untrusted (in a multibranch pull request it is the
 * author's): a file's own {@code name:} never selects a configured environment's credentials, which come only from
 * the step's explicit {@code environment:} or {@code credentialsId:}, looked up in the build's context. Only an
 * environment an administrator defined may send AWS calls to another endpoint than AWS's own.
 */
@Restricted(NoExternalUse.class)
public final class TargetResolver {

    /** Lets folder environments and files set {@code endpointUrl} (the plugin's tests point them at a fake). */
    public static final String ANY_ENDPOINT_PROPERTY = TargetResolver.class.getName() + ".anyEndpoint";

    private TargetResolver() {
    }

    /**
     * Runs on a pool thread (it may read the workspace over remoting), never on the Pipeline's.
     *
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
            boolean global = EnvironmentLookup.isGlobal(found);
            TargetEnvironment target = TargetEnvironment.configured(found, global);
            requireEndpointAllowed(target, global);
            return target;
        }
        if (workspace == null) {
            throw new AbortException(Messages.TargetResolver_fileNeedsWorkspace(file));
        }
        FilePath path = workspace.child(file);
        if (!path.exists()) {
            throw new AbortException(Messages.TargetResolver_fileMissing(file, workspace.getRemote()));
        }
        String yaml = path.readToString();
        try {
            ConfigLoader.parse(yaml, file);
        } catch (RuntimeException e) {
            // ConfigLoader reports unreadable YAML with the file name and field path in its message.
            throw new AbortException(Messages.TargetResolver_fileInvalid(file, e.getMessage()));
        }
        String named = FieldText.trimmed(environment);
        String id = FieldText.trimmed(credentialsId);
        if (named != null && id != null) {
            throw new AbortException(Messages.TargetResolver_fileOneAccess(file));
        }
        if (named == null && id == null) {
            throw new AbortException(Messages.TargetResolver_fileNeedsAccess(file));
        }
        DeploymentEnvironment access = named == null ? null : EnvironmentLookup.find(run.getParent(), named);
        TargetEnvironment target = TargetEnvironment.fromFile(yaml, file, access, id);
        requireEndpointAllowed(target, false);
        return target;
    }

    /** An endpoint other than AWS's receives signed requests: only an administrator may choose one. */
    private static void requireEndpointAllowed(TargetEnvironment target, boolean definedByAdministrator)
            throws AbortException {
        if (definedByAdministrator || SystemProperties.getBoolean(ANY_ENDPOINT_PROPERTY)) {
            return;
        }
        EnvironmentConfig config;
        try {
            config = target.config();
        } catch (RuntimeException e) {
            return; // reported with every other problem when the deployment validates its configuration
        }
        if (config.endpointUrl() != null) {
            throw new AbortException(Messages.TargetResolver_endpointAdminOnly(target.source()));
        }
    }
}
