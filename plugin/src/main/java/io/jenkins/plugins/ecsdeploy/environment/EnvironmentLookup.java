package io.jenkins.plugins.ecsdeploy.environment;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.ItemGroup;
import io.jenkins.plugins.ecsdeploy.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Finds the environment a step means. Environments are gathered from the item's folders, nearest first, then
 * from Manage Jenkins (those an administrator restricted to folders only for jobs inside them, as the kubernetes
 * plugin restricts clouds); a name defined at several levels resolves to the nearest. Without a name, the only
 * visible environment is used, or else the nearest one marked default.
 */
@Restricted(NoExternalUse.class)
public final class EnvironmentLookup {

    private EnvironmentLookup() {
    }

    /** Every environment visible from {@code item}, by name, nearest definition first. */
    public static Map<String, DeploymentEnvironment> visibleFrom(@CheckForNull Item item) {
        Map<String, DeploymentEnvironment> byName = new LinkedHashMap<>();
        ItemGroup<?> group = item == null ? null : item.getParent();
        while (group instanceof AbstractFolder<?> folder) {
            EcsDeploymentFolderProperty property = folder.getProperties().get(EcsDeploymentFolderProperty.class);
            if (property != null) {
                property.getEnvironments().forEach(e -> byName.putIfAbsent(e.getName(), e));
            }
            group = folder.getParent();
        }
        String job = item == null ? null : item.getFullName();
        EcsDeploymentGlobalConfiguration.get().getEnvironments().stream()
                .filter(e -> job == null ? e.allowedFolderNames().isEmpty() : e.allows(job))
                .forEach(e -> byName.putIfAbsent(e.getName(), e));
        return byName;
    }

    /** A global environment of this name that {@code item} may not use, or null. */
    @CheckForNull
    private static DeploymentEnvironment restricted(@CheckForNull Item item, String name) {
        return EcsDeploymentGlobalConfiguration.get().getEnvironments().stream()
                .filter(e -> e.getName().equals(name))
                .filter(e -> item == null ? !e.allowedFolderNames().isEmpty() : !e.allows(item.getFullName()))
                .findFirst().orElse(null);
    }

    /**
     * @param name the name a step gave, or null/blank for the default
     * @throws AbortException saying which names exist and how to pick one
     */
    public static DeploymentEnvironment find(@CheckForNull Item item, @CheckForNull String name)
            throws AbortException {
        Map<String, DeploymentEnvironment> visible = visibleFrom(item);
        String wanted = FieldText.trimmed(name);
        if (wanted != null) {
            DeploymentEnvironment e = visible.get(wanted);
            if (e == null) {
                DeploymentEnvironment hidden = restricted(item, wanted);
                if (hidden != null) {
                    throw new AbortException(Messages.EnvironmentLookup_restricted(wanted,
                            item == null ? "-" : item.getFullName(), String.join(", ", hidden.allowedFolderNames())));
                }
                throw new AbortException(Messages.EnvironmentLookup_unknown(wanted, names(visible)));
            }
            return e;
        }
        if (visible.isEmpty()) {
            throw new AbortException(Messages.EnvironmentLookup_none());
        }
        if (visible.size() == 1) {
            return visible.values().iterator().next();
        }
        for (DeploymentEnvironment e : visible.values()) {
            if (e.isDefaultEnvironment()) {
                return e;
            }
        }
        throw new AbortException(Messages.EnvironmentLookup_ambiguous(names(visible)));
    }

    private static String names(Map<String, DeploymentEnvironment> visible) {
        return visible.isEmpty() ? "-" : String.join(", ", new ArrayList<>(visible.keySet()));
    }

    /** Whether {@code environment} is one defined in Manage Jenkins (by an administrator), not on a folder. */
    public static boolean isGlobal(DeploymentEnvironment environment) {
        return EcsDeploymentGlobalConfiguration.get().getEnvironments().stream().anyMatch(e -> e == environment);
    }

    /** Names for drop-downs. */
    public static List<String> namesVisibleFrom(@CheckForNull Item item) {
        return new ArrayList<>(visibleFrom(item).keySet());
    }
}
