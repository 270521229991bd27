package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fake AWS seeded with a CodeDeploy deployment group ({@link CodeDeploySeed}), real SDK clients to it and whole
 * engine runs in simulated time; the fake's clock is the runs' clock, so CodeDeploy moves as the runs wait.
 */
final class CodeDeployRig implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    /** Every call that changes something in AWS, across the services the engine uses. */
    static final Set<String> WRITES = Set.of("CreateDeployment", "ContinueDeployment", "StopDeployment",
            "RegisterTaskDefinition", "UpdateService", "ModifyListener", "ModifyRule", "AddTags", "RemoveTags");

    final FakeAws aws;
    final AwsClients clients;
    EngineRuns runs;

    CodeDeployRig(Consumer<FakeAwsState> change) {
        aws = FakeAws.builder().clock(new SimulatedClock(() -> runs == null ? START : runs.now)).start();
        aws.edit(s -> {
            CodeDeploySeed.seed(s);
            change.accept(s);
        });
        clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(), SdkClients.credentials(),
                RetrySettings.fast()));
        runs = new EngineRuns(clients);
    }

    EnvironmentConfig config() {
        return config("");
    }

    /** The seeded environment file with {@code extra} lines added to its codeDeploy section. */
    EnvironmentConfig config(String extra) {
        String yaml = CodeDeploySeed.CONFIG.replace("${endpoint}", aws.endpoint())
                .replace("  containerPort: 8080\n", "  containerPort: 8080\n" + extra);
        return ConfigLoader.parse(yaml, "codedeploy-test");
    }

    DeploymentState run(DeploymentRequest request) {
        return runs.run(config(), request);
    }

    DeploymentState run(DeploymentRequest request, String id, DeploymentState previous) {
        return runs.run(config(), request, id, previous);
    }

    List<String> actions() {
        return aws.calls().stream().map(Call::action).toList();
    }

    List<String> writes() {
        return actions().stream().filter(WRITES::contains).toList();
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
