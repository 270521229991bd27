package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fake AWS with an ECS-native service ({@link EcsNativeSeed}), real SDK clients and whole engine runs through
 * {@link AwsEngines} in simulated time; the fake's clock is the runs' clock, so ECS walks its stages as runs wait.
 */
final class EcsNativeRig implements AutoCloseable {

    /** Every call that changes something in AWS, across the services an ECS-native run uses. */
    static final Set<String> WRITES = Set.of("RegisterTaskDefinition", "UpdateService", "StopServiceDeployment",
            "TagResource", "UntagResource", "ModifyListener", "ModifyRule", "AddTags", "RemoveTags");

    final FakeAws aws;
    final AwsClients clients;
    final EngineRuns runs;
    /** Lines added to the config's ecsNative section (two spaces of indent). */
    String ecsNative = "";

    EcsNativeRig(String strategy, Consumer<FakeAwsState> change) {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        EngineRuns[] holder = new EngineRuns[1];
        aws = FakeAws.builder().clock(new SimulatedClock(() -> holder[0] == null ? start : holder[0].now)).start();
        aws.edit(s -> {
            EcsNativeSeed.seed(s, strategy);
            change.accept(s);
        });
        clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(), SdkClients.credentials(),
                RetrySettings.fast()));
        runs = new EngineRuns(clients);
        holder[0] = runs;
    }

    EnvironmentConfig config() {
        return ConfigLoader.parse(EcsNativeSeed.CONFIG.replace("${endpoint}", aws.endpoint())
                .replace("  service: web-native\n", "  service: web-native\n" + ecsNative), "ecs-native-test");
    }

    DeploymentState run(DeploymentRequest request) {
        return runs.run(config(), request);
    }

    DeploymentState run(DeploymentRequest request, String id, DeploymentState previous) {
        return runs.run(config(), request, id, previous);
    }

    /** The production rule's split between native-blue and native-green. */
    TrafficSplit production() {
        return aws.ruleSplit(EcsNativeSeed.PRODUCTION_RULE_ARN, EcsNativeSeed.BLUE_TARGET_GROUP_ARN,
                EcsNativeSeed.GREEN_TARGET_GROUP_ARN);
    }

    /** The status of the service's latest service deployment, as the fake holds it. */
    String deploymentStatus() {
        return aws.read(s -> s.service(EcsNativeSeed.SERVICE).serviceDeployments.get(0).status);
    }

    List<String> writes() {
        return aws.calls().stream().map(Call::action).filter(WRITES::contains).toList();
    }

    /** Healthy traffic on both target groups. */
    void healthyTraffic() {
        aws.metrics().healthy(EcsNativeSeed.BLUE_TARGET_GROUP).healthy(EcsNativeSeed.GREEN_TARGET_GROUP);
    }

    String log() {
        return String.join("\n", runs.log);
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }
}
