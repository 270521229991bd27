package io.jenkins.plugins.ecsdeploy.environment;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.ecsdeploy.Messages;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Deployment environments defined on a folder, visible to the jobs inside it. An environment here shadows one
 * of the same name further up (nearest folder wins), so a team can point "production" at its own account.
 */
public class EcsDeploymentFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> {

    private List<DeploymentEnvironment> environments = new ArrayList<>();

    @DataBoundConstructor
    public EcsDeploymentFolderProperty() {
    }

    public List<DeploymentEnvironment> getEnvironments() {
        return environments == null ? List.of() : List.copyOf(environments);
    }

    @DataBoundSetter
    public void setEnvironments(@CheckForNull List<DeploymentEnvironment> environments) {
        this.environments = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
    }

    /** Shows the property on every kind of folder. */
    @Extension
    @Symbol("ecsDeploymentEnvironments")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @Override
        public String getDisplayName() {
            return Messages.EcsDeploymentFolderProperty_displayName();
        }
    }
}
