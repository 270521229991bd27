package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.model.Cause;
import hudson.model.Run;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** Who a deployment is recorded as started by: the user who started the build, else the build itself. */
@Restricted(NoExternalUse.class)
public final class StartedBy {

    private StartedBy() {
    }

    public static String of(Run<?, ?> run) {
        Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
        if (user != null && user.getUserId() != null) {
            return user.getUserId();
        }
        return run.getFullDisplayName();
    }
}
