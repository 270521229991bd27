package io.jenkins.plugins.ecsdeploy.core.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.smoke.HttpSmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Runs whole deployments against the stateful fake AWS with the real SDK clients, and a fake application server
 * for smoke checks. Time is simulated: the harness calls {@code advance} at exactly the instant the engine asks
 * for, so a five-minute bake takes no wall-clock time.
 */
final class EngineHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final FakeAws aws;
    final WireMockServer app;
    final List<String> log = new ArrayList<>();
    Instant now = START;
    final AwsConnection connection;
    private final AwsClients clients;
    private String extraYaml = "";
    private String listenerYaml = "  loadBalancer: web-alb\n  port: 443\n";
    private String smokeYaml;

    EngineHarness() {
        this(SdkClients.credentials());
    }

    /** A harness whose SDK clients sign with {@code credentials}. */
    EngineHarness(AwsCredentialsProvider credentials) {
        aws = FakeAws.startStandard();
        app = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
        app.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(200).withBody("ok v1.2.3")));
        smokeYaml = "smokeChecks:\n  - url: http://127.0.0.1:" + app.port() + "/health\n    bodyContains: ok\n"
                + "    retries: 2\n    retryDelay: 5s\n";
        connection = new AwsConnection(FakeAws.REGION, aws.endpoint(), credentials, RetrySettings.fast());
        clients = AwsClients.create(connection);
    }

    /** Adds YAML sections (health, analysis, testListener) to the environment. */
    EngineHarness with(String yaml) {
        extraYaml += yaml;
        return this;
    }

    /** Steers the rule at priority 10 instead of the listener's default action. */
    EngineHarness steeringRule() {
        listenerYaml += "  rulePriority: 10\n";
        return this;
    }

    EngineHarness withoutSmokeChecks() {
        smokeYaml = "";
        return this;
    }

    EnvironmentConfig config() {
        String yaml = "name: prod-web\n"
                + "region: us-east-1\n"
                + "endpointUrl: " + aws.endpoint() + "\n"
                + "cluster: prod\n"
                + "container: app\n"
                + "slots:\n"
                + "  blue: {service: web-blue, targetGroup: web-blue}\n"
                + "  green: {service: web-green, targetGroup: web-green}\n"
                + "listener:\n" + listenerYaml
                + smokeYaml
                + extraYaml;
        return ConfigLoader.parse(yaml, "test");
    }

    /** The lock label every harness engine writes, unless a test picks another. */
    static final String WHERE = "test@harness";

    DeploymentEngine engine() {
        return engine(LockSettings.at(WHERE));
    }

    DeploymentEngine engine(LockSettings lock) {
        Clock clock = new SimulatedClock(() -> now);
        return AwsEngines.create(config(), clients, new HttpSmokeChecker(clock), new DeploymentListener() {
            @Override
            public void onTransition(DeploymentState state, Transition t) {
                log.add(t.to() + ": " + t.reason());
            }

            @Override
            public void onProgress(DeploymentState state, String message) {
                log.add("  " + message);
            }
        }, lock);
    }

    DeploymentState start(DeploymentRequest request) {
        return engine().start(request, "d-test", now);
    }

    /** Runs to the end, jumping the clock to each instant the engine asks for. */
    DeploymentState run(DeploymentRequest request) {
        DeploymentEngine engine = engine();
        return runToEnd(engine, engine.start(request, "d-test", now));
    }

    DeploymentState runToEnd(DeploymentEngine engine, DeploymentState state) {
        return runUntil(engine, state, s -> false);
    }

    /** Advances until the run finishes or {@code stop} holds after a step; at most 10,000 steps. */
    DeploymentState runUntil(DeploymentEngine engine, DeploymentState state,
            java.util.function.Predicate<DeploymentState> stop) {
        for (int i = 0; i < 10_000; i++) {
            Instant next = engine.advance(state, now);
            if (next == null || stop.test(state)) {
                return state;
            }
            if (next.isAfter(now)) {
                now = next;
            }
        }
        throw new AssertionError("run did not finish in 10,000 steps; log:\n" + String.join("\n", log));
    }

    List<Phase> phases(DeploymentState state) {
        return state.getRecord().getTransitions().stream().map(Transition::to).toList();
    }

    @Override
    public void close() {
        clients.close();
        app.stop();
        aws.close();
    }
}
