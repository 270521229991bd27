package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.EnvironmentStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.StatusReader;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.lock.LockSettings;
import java.time.Duration;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * Open AWS clients for one environment, with an engine over them. Kept between the short steps of one deployment
 * (so a role is assumed once, not at every poll) and rebuilt after a controller restart, since neither clients
 * nor credentials are ever saved.
 */
public final class EngineSession implements AutoCloseable {

    /**
     * System property overriding the deployment lock's settle delay (default {@link LockSettings#DEFAULT_SETTLE}),
     * e.g. {@code 100ms}. Meant for the plugin's own tests, where the default would add ten seconds to every run;
     * lowering it on a real controller weakens the lock against a competitor that writes it at the same moment.
     */
    public static final String LOCK_SETTLE_PROPERTY = EngineSession.class.getName() + ".lockSettle";

    private final EnvironmentConfig config;
    private final AwsAccess access;
    private final AwsClients clients;
    private final DeploymentEngine engine;

    private EngineSession(EnvironmentConfig config, AwsAccess access, AwsClients clients, DeploymentEngine engine) {
        this.config = config;
        this.access = access;
        this.clients = clients;
        this.engine = engine;
    }

    /**
     * @param track record the credentials' use on the build
     * @throws AbortException when the credentials cannot be found in the build's context
     */
    static EngineSession open(TargetEnvironment target, EnvironmentConfig config, Run<?, ?> run,
            DeploymentListener listener, boolean track) throws AbortException {
        LockSettings lock = lockSettings(run);
        AwsAccess access = AwsAccess.open(target, config, run, track);
        AwsClients clients = AwsClients.create(
                new AwsConnection(config.region(), config.endpointUrl(), access.provider(), RetrySettings.defaults()));
        return new EngineSession(config, access, clients, AwsEngines.create(config, clients, listener, lock));
    }

    /** Read at every session, not once, so a test can set the property before its builds start. */
    private static LockSettings lockSettings(Run<?, ?> run) throws AbortException {
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

    /** Clients and status only, for pages that show the live state of an environment. */
    public static EnvironmentStatus readStatus(TargetEnvironment target, Run<?, ?> run) throws AbortException {
        EnvironmentConfig config = target.config();
        try (EngineSession session = open(target, config, run, DeploymentListener.NONE, false)) {
            return session.status();
        }
    }

    DeploymentEngine engine() {
        return engine;
    }

    EnvironmentConfig config() {
        return config;
    }

    EnvironmentStatus status() {
        return StatusReader.read(config, clients);
    }

    @Override
    public void close() {
        clients.close();
        access.close();
    }
}
