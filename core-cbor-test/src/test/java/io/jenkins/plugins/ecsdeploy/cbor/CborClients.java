package io.jenkins.plugins.ecsdeploy.cbor;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import java.net.URI;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** A CloudWatch client of this module's SDK, set up as {@link SdkClients} sets up core's, for the fake AWS. */
final class CborClients {

    private CborClients() {}

    static CloudWatchClient cloudWatch(FakeAws aws) {
        return CloudWatchClient.builder().endpointOverride(URI.create(aws.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(SdkClients.credentials())
                .overrideConfiguration(SdkClients.config(SdkClients.ATTEMPT_TIMEOUT))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }
}
