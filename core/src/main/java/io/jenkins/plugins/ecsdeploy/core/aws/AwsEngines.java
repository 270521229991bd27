package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import io.jenkins.plugins.ecsdeploy.core.engine.StatusReader;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.smoke.HttpSmokeChecker;
import java.time.Clock;

/**
 * Wires the engine's ports to the AWS adapters over one set of clients: the only place that does, and what the CLI
 * and the Jenkins plugin use. Each method validates the config first, so bad input fails before any AWS call.
 *
 * @see EnvironmentKind for which adapters serve which kind of environment
 */
public final class AwsEngines {

    private AwsEngines() {
    }

    /**
     * An engine for one environment that runs smoke checks over HTTP.
     *
     * @param lock where the run's deployment lock says it runs ({@code cli@host}, a Jenkins controller), its TTL
     *     and settle delay
     * @throws io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException listing every problem
     */
    public static DeploymentEngine create(EnvironmentConfig config, AwsClients clients, DeploymentListener listener,
            LockSettings lock) {
        return create(config, clients, new HttpSmokeChecker(Clock.systemUTC()), listener, lock);
    }

    /** An engine for one environment whose smoke checks are made by {@code smoke}. */
    public static DeploymentEngine create(EnvironmentConfig config, AwsClients clients, SmokeChecker smoke,
            DeploymentListener listener, LockSettings lock) {
        EnvironmentKind kind = connect(config, clients);
        // The engine's metrics read what the analysis checks; the status reader's only the defaults.
        return new DeploymentEngine(config, kind.resolver(), kind.ports(config.analysis()), smoke, listener, lock);
    }

    /**
     * The environment's deployment lock, for a person to inspect or break it. Resolves the environment (read-only
     * calls) to find the resource the lock is kept on.
     */
    public static DeploymentLock lock(EnvironmentConfig config, AwsClients clients) {
        EnvironmentKind kind = connect(config, clients);
        return kind.lock(kind.resolver().resolve(config));
    }

    /** Reads the environment's live state. */
    public static StatusReader statusReader(EnvironmentConfig config, AwsClients clients) {
        EnvironmentKind kind = connect(config, clients);
        return new StatusReader(kind.resolver(), kind.ports(null));
    }

    private static EnvironmentKind connect(EnvironmentConfig config, AwsClients clients) {
        ConfigValidator.requireValid(config);
        if (config.ecsNative() != null) {
            return new EcsNativeEnvironment(clients, config);
        }
        if (config.codeDeploy() != null) {
            return new CodeDeployEnvironment(clients, config);
        }
        return config.steeredByDns() ? new Route53Environment(clients, config)
                : AwsEnvironment.connect(clients, config.container());
    }
}
