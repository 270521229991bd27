package io.jenkins.plugins.ecsdeploy.environment;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.ecsdeploy.Messages;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Fills the environment drop-down of steps and build steps with the names visible from the job, for users who may
 * configure it (Administer where there is no job, as in the global Snippet Generator); others see only the saved
 * value.
 */
@Restricted(NoExternalUse.class)
public final class EnvironmentItems {

    private EnvironmentItems() {
    }

    public static ListBoxModel fill(@CheckForNull Item item, @CheckForNull String current) {
        ListBoxModel model = new ListBoxModel();
        model.add(Messages.EnvironmentItems_default(), "");
        boolean mayConfigure = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.CONFIGURE);
        if (!mayConfigure) {
            if (current != null && !current.isBlank()) {
                model.add(current);
            }
            return model;
        }
        List<String> names = EnvironmentLookup.namesVisibleFrom(item);
        for (String name : names) {
            model.add(name);
        }
        // A saved name that is no longer defined stays selectable, so saving the form does not silently drop it.
        if (current != null && !current.isBlank() && !names.contains(current)) {
            model.add(current);
        }
        return model;
    }
}
