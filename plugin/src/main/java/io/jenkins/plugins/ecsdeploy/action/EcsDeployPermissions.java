package io.jenkins.plugins.ecsdeploy.action;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Item;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import io.jenkins.plugins.ecsdeploy.Messages;
import java.util.logging.Logger;

/**
 * The plugin's permission: rolling back an environment from a build's page. Implied by Item/Build, so whoever may
 * run the deploying job may also undo it, and a matrix strategy can grant it alone (for example to on-call staff
 * who may not start builds).
 */
public final class EcsDeployPermissions {

    public static final PermissionGroup GROUP =
            new PermissionGroup(EcsDeployPermissions.class, Messages._EcsDeployPermissions_group());

    public static final Permission ROLLBACK = new Permission(GROUP, "Rollback",
            Messages._EcsDeployPermissions_rollbackDescription(), Item.BUILD, PermissionScope.ITEM);

    private EcsDeployPermissions() {
    }

    /** Loads this class at startup so the permission is listed by authorization strategies before first use. */
    @Initializer(after = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        LOGGER.fine(() -> "Registered " + ROLLBACK.getId());
    }

    private static final Logger LOGGER = Logger.getLogger(EcsDeployPermissions.class.getName());
}
