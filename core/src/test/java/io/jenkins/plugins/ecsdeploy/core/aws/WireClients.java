package io.jenkins.plugins.ecsdeploy.core.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;

/**
 * The WireMock server of an adapter test class, and SDK clients to it opened before each test and closed after,
 * for tests that need nothing else.
 */
final class WireClients extends WireMockExtension {

    private AwsClients clients;

    WireClients() {
        super(WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")));
    }

    /** The clients of the test under way. */
    AwsClients clients() {
        return clients;
    }

    @Override
    protected void onBeforeEach(WireMockRuntimeInfo wireMockRuntimeInfo) {
        clients = AwsClients.create(AwsWire.connection(this));
    }

    @Override
    protected void onAfterEach(WireMockRuntimeInfo wireMockRuntimeInfo) {
        clients.close();
    }
}
