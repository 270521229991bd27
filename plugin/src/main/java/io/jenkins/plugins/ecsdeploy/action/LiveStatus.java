package io.jenkins.plugins.ecsdeploy.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.runtime.EngineSession;
import io.jenkins.plugins.ecsdeploy.runtime.TargetEnvironment;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * An environment's slots and traffic as AWS reports them right now, or the reason they could not be read (shown
 * on the page instead of an error, since a page view must not fail because AWS is unreachable).
 */
@Restricted(NoExternalUse.class)
public final class LiveStatus {

    private static final Logger LOGGER = Logger.getLogger(LiveStatus.class.getName());

    private final EnvironmentStatus status;
    private final String error;

    private LiveStatus(EnvironmentStatus status, String error) {
        this.status = status;
        this.error = error;
    }

    static LiveStatus read(TargetEnvironment target, Run<?, ?> run) {
        try {
            return new LiveStatus(EngineSession.readStatus(target, run), null);
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "Could not read the live state of " + target.source(), e);
            return new LiveStatus(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    @CheckForNull
    public EnvironmentStatus getStatus() {
        return status;
    }

    @CheckForNull
    public String getError() {
        return error;
    }
}
