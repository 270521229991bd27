package io.jenkins.plugins.ecsdeploy.runtime;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.environment.DeploymentEnvironment;
import java.io.Serial;
import java.io.Serializable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The environment one deployment runs against, frozen when it starts: either a configured
 * {@link DeploymentEnvironment} or the text of a core YAML file read from the workspace, plus how to reach AWS
 * (a credentials id and an optional role, never a secret). Saved with the step and in the build, so a resumed
 * or rolled-back deployment talks to the same place even if the configuration changed since.
 */
@Restricted(NoExternalUse.class)
public final class TargetEnvironment implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final DeploymentEnvironment configured;
    private final String fileYaml;
    private final String fileName;
    private final String credentialsId;
    private final String roleArn;
    private final String externalId;
    private final boolean controllerIdentityAllowed;

    private TargetEnvironment(DeploymentEnvironment configured, String fileYaml, String fileName,
            String credentialsId, String roleArn, String externalId, boolean controllerIdentityAllowed) {
        this.configured = configured;
        this.fileYaml = fileYaml;
        this.fileName = fileName;
        this.credentialsId = credentialsId;
        this.roleArn = roleArn;
        this.externalId = externalId;
        this.controllerIdentityAllowed = controllerIdentityAllowed;
    }

    /**
     * @param definedByAdministrator true for an environment from Manage Jenkins: only those, and only when the
     *     administrator ticked "use the controller's own AWS identity", fall back to it without credentials
     */
    public static TargetEnvironment configured(DeploymentEnvironment environment, boolean definedByAdministrator) {
        return new TargetEnvironment(environment, null, null, environment.getCredentialsId(),
                environment.getRoleArn(), environment.getExternalId(),
                definedByAdministrator && environment.isUseControllerIdentity());
    }

    /**
     * @param access the configured environment the step named explicitly, whose credentials and role to use, or
     *     null to use only {@code credentialsId}. A file never gets the controller's own AWS identity: its author,
     *     not an administrator, chooses what it deploys to.
     */
    public static TargetEnvironment fromFile(String yaml, String fileName, @CheckForNull DeploymentEnvironment access,
            @CheckForNull String credentialsId) {
        String id = credentialsId != null ? credentialsId : access == null ? null : access.getCredentialsId();
        return new TargetEnvironment(null, yaml, fileName, id, access == null ? null : access.getRoleArn(),
                access == null ? null : access.getExternalId(), false);
    }

    /** @throws IllegalArgumentException when a field or the file cannot be read, naming it */
    public EnvironmentConfig config() {
        return configured != null ? configured.toConfig() : ConfigLoader.parse(fileYaml, fileName);
    }

    /** Whether the environment asks for its CloudWatch dashboard to be published when a deployment starts. */
    public boolean isPublishDashboard() {
        return configured != null && configured.isPublishDashboard();
    }

    /** Where the configuration came from, for messages. */
    public String source() {
        return configured != null ? configured.getName() : fileName;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @CheckForNull
    public String getRoleArn() {
        return roleArn;
    }

    @CheckForNull
    public String getExternalId() {
        return externalId;
    }

    /** Whether a missing credentials id means the controller's own AWS identity (else it is refused). */
    public boolean isControllerIdentityAllowed() {
        return controllerIdentityAllowed;
    }
}
