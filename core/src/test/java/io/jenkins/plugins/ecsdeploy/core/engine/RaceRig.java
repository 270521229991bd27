package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsEnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchMetrics;
import io.jenkins.plugins.ecsdeploy.core.aws.EcsServiceControl;
import io.jenkins.plugins.ecsdeploy.core.aws.ElbSlotHealth;
import io.jenkins.plugins.ecsdeploy.core.aws.ElbTagLock;
import io.jenkins.plugins.ecsdeploy.core.aws.ElbTestTraffic;
import io.jenkins.plugins.ecsdeploy.core.aws.ElbTrafficRouter;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import java.net.URI;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** Engines on one fake environment whose every AWS request waits for its turn in an {@link InterleavedRuns}. */
final class RaceRig implements AutoCloseable {

    private final EnvironmentConfig config;
    private final ElasticLoadBalancingV2Client elb;
    private final EcsClient ecs;
    private final CloudWatchClient cw;
    private final Ports.Factory ports;

    RaceRig(EngineHarness h, InterleavedRuns scheduler) {
        this.config = h.config();
        URI endpoint = URI.create(h.aws.endpoint());
        ClientOverrideConfiguration paced = SdkClients.config(SdkClients.ATTEMPT_TIMEOUT).toBuilder()
                .addExecutionInterceptor(scheduler).build();
        this.elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(SdkClients.credentials()).overrideConfiguration(paced).build();
        this.ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(SdkClients.credentials()).overrideConfiguration(paced).build();
        this.cw = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(SdkClients.credentials()).overrideConfiguration(paced).build();
        this.ports = env -> new Ports(new ElbTrafficRouter(elb, env), new ElbSlotHealth(elb, env),
                new ElbTestTraffic(elb, env), new EcsServiceControl(ecs, env, FakeAws.CONTAINER),
                new CloudWatchMetrics(cw, env), new ElbTagLock(elb, env));
    }

    /** An engine whose requests are paced by the scheduler; no smoke check is configured. */
    DeploymentEngine engine(LockSettings lock) {
        return new DeploymentEngine(config, new AwsEnvironmentResolver(elb, ecs), ports,
                (check, version, attempt) -> {
                    throw new AssertionError("no smoke check is configured");
                }, DeploymentListener.NONE, lock);
    }

    @Override
    public void close() {
        elb.close();
        ecs.close();
        cw.close();
    }
}
