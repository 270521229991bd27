package io.jenkins.plugins.ecsdeploy.core.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEnvironment;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.smoke.HttpSmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Clock;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Runs whole deployments against the stateful fake AWS with the real SDK clients, and a fake application server
 * for smoke checks, in simulated time.
 */
final class EngineHarness extends RunHarness {

    final FakeAws aws;
    final WireMockServer app;
    final AwsConnection connection;
    private final AwsClients clients;
    private String smokeYaml;

    EngineHarness() {
        this(SdkClients.credentials());
    }

    /** A harness whose SDK clients sign with {@code credentials}. */
    EngineHarness(AwsCredentialsProvider credentials) {
        this(credentials, FakeAws.builder());
    }

    /** A harness on a fake AWS started from {@code fake}. */
    EngineHarness(FakeAws.Builder fake) {
        this(SdkClients.credentials(), fake);
    }

    private EngineHarness(AwsCredentialsProvider credentials, FakeAws.Builder fake) {
        aws = fake.start();
        app = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
        app.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(200).withBody("ok v1.2.3")));
        smokeYaml = "smokeChecks:\n  - url: http://127.0.0.1:" + app.port() + "/health\n    bodyContains: ok\n"
                + "    retries: 2\n    retryDelay: 5s\n";
        connection = new AwsConnection(FakeAws.REGION, aws.endpoint(), credentials, RetrySettings.fast());
        clients = AwsClients.create(connection);
    }

    @Override
    EngineHarness with(String yaml) {
        super.with(yaml);
        return this;
    }

    @Override
    EngineHarness steeringRule() {
        super.steeringRule();
        return this;
    }

    EngineHarness withoutSmokeChecks() {
        smokeYaml = "";
        return this;
    }

    @Override
    String endpointUrl() {
        return aws.endpoint();
    }

    @Override
    String smokeYaml() {
        return smokeYaml;
    }

    @Override
    DeploymentEngine engine() {
        return engine(LockSettings.at(WHERE));
    }

    DeploymentEngine engine(LockSettings lock) {
        Clock clock = new SimulatedClock(() -> now);
        return AwsEngines.create(config(), clients, new HttpSmokeChecker(clock), listener(), lock);
    }

    /**
     * An engine of this ALB environment whose ports pass through {@code decorate}, wired as {@link AwsEngines}
     * wires an ALB environment: for a benchmark that times what a port sees.
     */
    DeploymentEngine engine(UnaryOperator<Ports> decorate) {
        EnvironmentConfig config = config();
        AwsEnvironment kind = AwsEnvironment.connect(clients, config.container());
        Ports.Factory ports = kind.ports(config.analysis());
        return new DeploymentEngine(config, kind.resolver(), env -> decorate.apply(ports.bind(env)),
                new HttpSmokeChecker(new SimulatedClock(() -> now)), listener(), LockSettings.at(WHERE));
    }

    @Override
    public void close() {
        clients.close();
        app.stop();
        aws.close();
    }
}
