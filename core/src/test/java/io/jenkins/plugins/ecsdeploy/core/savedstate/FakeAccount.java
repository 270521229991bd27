package io.jenkins.plugins.ecsdeploy.core.savedstate;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Instant;

/**
 * One fake AWS account and one set of SDK clients for many {@link SavedRunDriver}s, each starting from the
 * standard environment, so that the runs do not each pay for a new server and new clients. Time is simulated and
 * belongs to the run under way.
 */
final class FakeAccount implements AutoCloseable {

    final FakeAws aws;
    final AwsClients clients;
    /** The simulated time of the run under way; the fake stamps what it creates with it. */
    Instant now = SavedRunDriver.START;
    private final FakeAwsState pristine;

    FakeAccount() {
        aws = FakeAws.builder().clock(new SimulatedClock(() -> now)).start();
        clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(), SdkClients.credentials(),
                RetrySettings.fast()));
        pristine = aws.read(FakeAwsState::copy);
    }

    /** Puts the account back to the standard environment at the start time, for the next run. */
    void reset() {
        aws.restore(pristine);
        now = SavedRunDriver.START;
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }
}
