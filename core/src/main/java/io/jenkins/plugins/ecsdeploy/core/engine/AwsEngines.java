package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEnvironment;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchMetrics;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.lock.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.lock.ElbTagLock;
import io.jenkins.plugins.ecsdeploy.core.lock.LockSettings;
import io.jenkins.plugins.ecsdeploy.core.smoke.HttpSmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.smoke.SmokeChecker;
import java.time.Clock;

/** Wires the engine to real AWS clients: what the CLI and the Jenkins plugin use. */
public final class AwsEngines {

    private AwsEngines() {
    }

    /**
     * An engine for one environment. Validates the config first, so bad input fails before any AWS call.
     *
     * @throws io.jenkins.plugins.ecsdeploy.core.config.InvalidConfigException listing every problem
     */
    public static DeploymentEngine create(EnvironmentConfig config, AwsClients clients, DeploymentListener listener) {
        return create(config, clients, new HttpSmokeChecker(Clock.systemUTC()), listener);
    }

    /** An engine whose deployment lock names {@code lock.where()} as the place the run is driven from. */
    public static DeploymentEngine create(EnvironmentConfig config, AwsClients clients, DeploymentListener listener,
            LockSettings lock) {
        return create(config, clients, new HttpSmokeChecker(Clock.systemUTC()), listener, lock);
    }

    public static DeploymentEngine create(EnvironmentConfig config, AwsClients clients, SmokeChecker smoke,
            DeploymentListener listener) {
        return create(config, clients, smoke, listener, LockSettings.at(LockSettings.localHost()));
    }

    /**
     * @param lock where the run's deployment lock says it runs ({@code cli@host}, a Jenkins controller), its TTL
     *     and settle delay
     */
    public static DeploymentEngine create(EnvironmentConfig config, AwsClients clients, SmokeChecker smoke,
            DeploymentListener listener, LockSettings lock) {
        ConfigValidator.requireValid(config);
        AwsEnvironment aws = AwsEnvironment.connect(clients, config.container());
        return new DeploymentEngine(config, aws.resolver(), aws.portsFactory(env -> new CloudWatchMetrics(
                clients.cloudWatch(), env, config.analysis())), smoke, listener, lock);
    }

    /**
     * The environment's deployment lock, for a person to inspect or break it. Resolves the environment (read-only
     * calls) to find the listener or rule the lock is kept on.
     */
    public static DeploymentLock lock(EnvironmentConfig config, AwsClients clients) {
        ConfigValidator.requireValid(config);
        AwsEnvironment aws = AwsEnvironment.connect(clients, config.container());
        return new ElbTagLock(clients.elb(), aws.resolver().resolve(config));
    }

    /** Reads the environment's live state. */
    public static StatusReader statusReader(EnvironmentConfig config, AwsClients clients) {
        ConfigValidator.requireValid(config);
        AwsEnvironment aws = AwsEnvironment.connect(clients, config.container());
        return new StatusReader(aws.resolver(), aws.portsFactory(env -> new CloudWatchMetrics(clients.cloudWatch(),
                env)));
    }
}
