package io.jenkins.plugins.ecsdeploy.steps;

import io.jenkins.plugins.ecsdeploy.environment.FieldText;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that names where it deploys: an environment (default: the only one, or the one marked default), or a core
 * YAML file in the workspace with the credentials for that file. Shared by the deployment steps and the
 * {@code ecsDeployment} block.
 */
public abstract class TargetStep extends Step {

    private String environment;
    private String configFile;
    private String credentialsId;

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = FieldText.trimmed(environment);
    }

    public String getConfigFile() {
        return configFile;
    }

    @DataBoundSetter
    public void setConfigFile(String configFile) {
        this.configFile = FieldText.trimmed(configFile);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FieldText.trimmed(credentialsId);
    }
}
