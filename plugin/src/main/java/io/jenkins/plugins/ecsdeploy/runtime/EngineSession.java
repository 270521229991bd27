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
import io.jenkins.plugins.ecsdeploy.core.lock.LockSettings;
import jenkins.model.Jenkins;

/**
 * Open AWS clients for one environment, with an engine over them. Kept between the short steps of one deployment
 * (so a role is assumed once, not at every poll) and rebuilt after a controller restart, since neither clients
 * nor credentials are ever saved.
 */
public final class EngineSession implements AutoCloseable {

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
        AwsAccess access = AwsAccess.open(target, config, run, track);
        AwsClients clients = AwsClients.create(
                new AwsConnection(config.region(), config.endpointUrl(), access.provider(), RetrySettings.defaults()));
        return new EngineSession(config, access, clients,
                AwsEngines.create(config, clients, listener, LockSettings.at(lockWhere(run))));
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
