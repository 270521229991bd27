package io.jenkins.plugins.ecsdeploy.environment;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Fills credentials drop-downs with AWS credentials only for users allowed to see them: administrators at the
 * top level, and on an item those who may configure it or use its credentials. Others see just the value
 * already saved, so a form still round-trips without leaking the list of ids.
 */
@Restricted(NoExternalUse.class)
public final class CredentialsItems {

    private CredentialsItems() {
    }

    public static ListBoxModel fill(@CheckForNull Item item, @CheckForNull String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = current == null ? "" : current;
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(value);
            }
        } else if (!item.hasPermission(Item.CONFIGURE) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(value);
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeAs(ACL.SYSTEM2, Jenkins.get(), AmazonWebServicesCredentials.class, List.of());
        } else {
            result.includeAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                    item, AmazonWebServicesCredentials.class, List.of());
        }
        return result.includeCurrentValue(value);
    }
}
