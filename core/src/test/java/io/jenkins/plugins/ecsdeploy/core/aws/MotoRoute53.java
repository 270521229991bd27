package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.testing.MotoServer;

/** moto, a client of the test's own to seed it, and the clients the code under test uses: one per test class. */
final class MotoRoute53 implements AutoCloseable {

    final MotoServer moto = MotoServer.start();
    final Route53Seed seed = new Route53Seed(moto.endpoint());
    final AwsClients clients = AwsClients.create(new AwsConnection("us-east-1", moto.endpoint(),
            SdkClients.credentials(), RetrySettings.fast()));

    /** Forgets every resource and creates zone example.com; returns its id. */
    String freshZone() {
        moto.reset();
        return seed.zone();
    }

    @Override
    public void close() {
        clients.close();
        seed.close();
        moto.close();
    }
}
