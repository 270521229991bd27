package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test, the fake AWS with its standard environment, SDK clients to it, and {@link EngineRuns} whose
 * simulated time is also the fake's clock, so that App Runner operations progress as runs wait for them. Register
 * with {@code @RegisterExtension final FakeAwsRuns fake = new FakeAwsRuns();}.
 */
final class FakeAwsRuns implements BeforeEachCallback, AfterEachCallback {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    FakeAws aws;
    AwsClients clients;
    EngineRuns runs;

    @Override
    public void beforeEach(ExtensionContext context) {
        // The clock is read while the fake seeds itself, before runs exists.
        aws = FakeAws.builder().clock(new SimulatedClock(() -> runs == null ? START : runs.now)).start();
        clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(), SdkClients.credentials(),
                RetrySettings.fast()));
        runs = new EngineRuns(clients);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.close();
        aws.close();
        runs = null;
    }
}
