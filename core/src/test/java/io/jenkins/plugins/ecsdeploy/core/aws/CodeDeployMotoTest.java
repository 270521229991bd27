package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CodeDeploy environment against moto, seeded by {@code scripts/seed-moto.py --codedeploy}: what moto can show.
 * moto models the group, CreateDeployment and the deployment's record, and keeps every deployment in Created; it has
 * no deployment targets, continue or stop (docs/emulator.md). So this runs the engine's deploy through the preflight
 * (the group read from moto), the lock, the task definition copy and CreateDeployment, up to its first poll, and
 * checks what moto was left with; the rest of the lifecycle is tested against the project's fake.
 */
class CodeDeployMotoTest {

    private static final Path SEED = Path.of("..", "scripts", "seed-moto.py");

    private static MotoServer moto;
    private static AwsClients clients;
    private static EnvironmentConfig config;

    @BeforeAll
    static void seed() throws IOException, InterruptedException {
        moto = MotoServer.start();
        Process p = new ProcessBuilder("python3", SEED.toString(), "--endpoint", moto.endpoint(), "--codedeploy")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(yaml).isZero();
        config = ConfigLoader.parse(yaml, "moto-codedeploy");
        clients = AwsClients.create(new AwsConnection("us-east-1", moto.endpoint(), SdkClients.credentials(),
                RetrySettings.fast()));
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        moto.close();
    }

    @Test
    void aDeployCreatesOneDeploymentOfTheCopiedRevisionAndLeavesProductionAlone()
            throws IOException, InterruptedException {
        EngineRuns runs = new EngineRuns(clients);
        DeploymentEngine engine = runs.engine(config);
        DeploymentState s = engine.start(DeploymentRequest.deploy("v2.0.0", "alice"), "d-moto", runs.now);
        for (int i = 0; i < 20 && s.getPhase() != Phase.FOLLOW_MANAGED; i++) {
            Instant next = engine.advance(s, runs.now);
            assertThat(next).as(String.join("\n", runs.log)).isNotNull();
            runs.now = next.isAfter(runs.now) ? next : runs.now;
        }
        assertThat(s.getPhase()).as(String.join("\n", runs.log)).isEqualTo(Phase.FOLLOW_MANAGED);

        List<String> ids = clients.codeDeploy().listDeployments(b -> b.applicationName("web")
                .deploymentGroupName("web-dg")).deployments();
        assertThat(ids).singleElement().isEqualTo(s.getRecord().getManagedDeployment());
        // Read at the wire: moto writes createTime as an ISO-8601 string where CodeDeploy sends epoch seconds, and
        // the SDK refuses that reply (docs/emulator.md).
        JsonNode d = getDeployment(ids.get(0));
        assertThat(d.path("status").asText()).isEqualTo("Created");
        assertThat(d.path("description").asText()).isEqualTo("ecs-deploy run d-moto");
        String appSpec = d.path("revision").path("appSpecContent").path("content").asText();
        String revision = CodeDeployAppSpec.taskDefinition(appSpec).orElseThrow();
        assertThat(revision).endsWith(":task-definition/web:2");
        assertThat(appSpec).contains("\"ContainerName\":\"app\"").contains("\"ContainerPort\":80")
                .contains("\"Subnets\":[\"subnet-");
        var copy = clients.ecs().describeTaskDefinition(b -> b.taskDefinition(revision)).taskDefinition();
        assertThat(copy.containerDefinitions()).extracting(c -> c.name() + "=" + c.image()).containsExactly(
                "app=public.ecr.aws/demo/web:v2.0.0",
                "log-router=public.ecr.aws/aws-observability/aws-for-fluent-bit:stable");

        ResolvedEnvironment env = new CodeDeployPreflight(clients.codeDeploy(), clients.ecs(), clients.elb(),
                clients.cloudWatch()).resolve(config);
        CodeDeployRollout rollout = new CodeDeployRollout(clients.codeDeploy(), clients.ecs(), env,
                config.codeDeploy(), "app");
        assertThat(rollout.hasApprovalPoint()).as("the group's ready option, as moto keeps it").isTrue();
        assertThat(rollout.inProgress()).contains(ids.get(0));
        assertThat(new ElbTrafficRouter(clients.elb(), env).currentSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));

        // The first poll reads the deployment, which the SDK cannot parse from moto, and the stop that follows is
        // not in moto: the run ends saying the deployment may still move traffic and how to stop it, with
        // production untouched.
        for (int i = 0; i < 200; i++) {
            Instant next = engine.advance(s, runs.now);
            if (next == null) {
                break;
            }
            runs.now = next.isAfter(runs.now) ? next : runs.now;
        }
        assertThat(s.getRecord().getOutcome()).as(String.join("\n", runs.log)).isEqualTo(Outcome.ROLLBACK_FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("codedeploy:GetDeployment")
                .contains("Deployment " + ids.get(0) + " of CodeDeploy deployment group 'web-dg' of application"
                        + " 'web' may still be under way").contains("stop it with rollback now");
        assertThat(new ElbTrafficRouter(clients.elb(), env).currentSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    /** GetDeployment as JSON 1.1 over HTTP, read as a tree. */
    private static JsonNode getDeployment(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(moto.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "CodeDeploy_20141006.GetDeployment")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/codedeploy/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{\"deploymentId\":\"" + id + "\"}")).build();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return new ObjectMapper().readTree(reply.body()).path("deploymentInfo");
    }
}
