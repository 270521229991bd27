package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import java.time.Duration;
import java.time.Instant;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One engine step's view of AWS: leased shared clients and an engine over them. Opened for a step and closed after
 * it, so a deployment that waits holds neither clients nor threads; the lease is cheap because the clients stay
 * cached between steps. Neither clients nor credentials are ever saved.
 */
@Restricted(NoExternalUse.class)
public final class EngineSession implements AutoCloseable {

    /**
     * System property overriding the deployment lock's settle delay (default {@link LockSettings#DEFAULT_SETTLE}),
     * e.g. {@code 100ms}. Meant for the plugin's own tests, where the default would add ten seconds to every run;
     * lowering it on a real controller weakens the lock against a competitor that writes it at the same moment.
     */
    public static final String LOCK_SETTLE_PROPERTY = EngineSession.class.getName() + ".lockSettle";

    private final EnvironmentConfig config;
    private final AwsClientCache.Lease lease;
    private final DeploymentEngine engine;

    private EngineSession(EnvironmentConfig config, AwsClientCache.Lease lease, DeploymentEngine engine) {
        this.config = config;
        this.lease = lease;
        this.engine = engine;
    }

    /**
     * @param track record the credentials' use on the build
     * @throws AbortException when the credentials cannot be found in the build's context
     */
    static EngineSession open(TargetEnvironment target, EnvironmentConfig config, Run<?, ?> run,
            DeploymentListener listener, boolean track) throws AbortException {
        LockSettings lock = lockSettings(run);
        AwsClientCache.Lease lease = AwsAccess.lease(target, config, run, track);
        try {
            return new EngineSession(config, lease, AwsEngines.create(config, lease.clients(),
                    SharedRuntime.get().smoke(), listener, lock));
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** Read at every session, not once, so a test can set the property before its builds start. */
    static LockSettings lockSettings(Run<?, ?> run) throws AbortException {
        Duration settle = SystemProperties.getDuration(LOCK_SETTLE_PROPERTY, LockSettings.DEFAULT_SETTLE);
        try {
            return new LockSettings(lockWhere(run), LockSettings.DEFAULT_TTL, settle);
        } catch (IllegalArgumentException e) {
            throw new AbortException(Messages.EngineSession_badLockSettle(LOCK_SETTLE_PROPERTY, e.getMessage()));
        }
    }

    /**
     * Where the deployment lock says the run is driven from: the build's URL, so that whoever finds the lock
     * held (another controller, a shell running the CLI) can see which build holds it.
     */
    private static String lockWhere(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return (root != null ? root : "jenkins@" + LockSettings.localHost() + "/") + run.getUrl();
    }

    /** The environment's live state, for the build page's status request (never while rendering a page). */
    public static EnvironmentStatus readStatus(TargetEnvironment target, Run<?, ?> run) throws AbortException {
        EnvironmentConfig config = target.config();
        try (EngineSession session = open(target, config, run, DeploymentListener.NONE, false)) {
            return session.status();
        }
    }

    DeploymentEngine engine() {
        return engine;
    }

    AwsClients clients() {
        return lease.clients();
    }

    EnvironmentStatus status() {
        return AwsEngines.statusReader(config, lease.clients()).read(config, Instant.now());
    }

    @Override
    public void close() {
        lease.close();
    }
}
