package io.jenkins.plugins.ecsdeploy.environment;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.ecsdeploy.Messages;
import hudson.BulkChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Deployment environments defined in Manage Jenkins, visible to every job. Configuration as Code reads and
 * writes it under {@code unclassified: ecsDeployment: environments: [...]}.
 */
@Extension
@Symbol("ecsDeployment")
public class EcsDeploymentGlobalConfiguration extends GlobalConfiguration {

    private List<DeploymentEnvironment> environments = new ArrayList<>();

    public EcsDeploymentGlobalConfiguration() {
        load();
    }

    public static EcsDeploymentGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(EcsDeploymentGlobalConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.EcsDeploymentGlobalConfiguration_displayName();
    }

    /**
     * Clears the list first (a form with every environment deleted has no key to bind, and must empty it), inside a
     * BulkChange: if binding the form fails, nothing is saved and the environments on disk stay as they were.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<DeploymentEnvironment> before = getEnvironments();
        try (BulkChange bc = new BulkChange(this)) {
            setEnvironments(null);
            boolean result = super.configure(req, json);
            bc.commit();
            return result;
        } catch (IOException e) {
            throw new FormException(e, "environments");
        } catch (FormException | RuntimeException e) {
            // The BulkChange was abandoned, so nothing was saved; the copy in memory goes back too.
            this.environments = new ArrayList<>(before);
            throw e;
        }
    }

    public List<DeploymentEnvironment> getEnvironments() {
        return environments == null ? List.of() : List.copyOf(environments);
    }

    @DataBoundSetter
    public void setEnvironments(@CheckForNull List<DeploymentEnvironment> environments) {
        this.environments = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        save();
    }
}
