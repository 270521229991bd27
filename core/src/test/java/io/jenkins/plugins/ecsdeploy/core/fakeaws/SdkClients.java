package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Real SDK v2 clients pointed at a {@link FakeAws}: static fake credentials, the standard AWS retry strategy with
 * 3 attempts and a 1 ms back-off (so retried faults cost no time), and a short attempt timeout so that
 * {@link Fault#READ_TIMEOUT} replies, held back longer, time out.
 */
public final class SdkClients {

    /** The per-attempt timeout the clients use; keep {@link FakeAws#readTimeoutDelay} above it. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);

    private SdkClients() {}

    public static ElasticLoadBalancingV2Client elb(FakeAws aws) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials()).overrideConfiguration(config())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static EcsClient ecs(FakeAws aws) {
        return EcsClient.builder().endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials()).overrideConfiguration(config())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static CloudWatchClient cloudWatch(FakeAws aws) {
        return CloudWatchClient.builder().endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials()).overrideConfiguration(config())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** Fake keys, valid in form only: the fake does not check signatures. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKEFAKE", "fake-secret"));
    }

    /** Standard AWS retries, 3 attempts, 1 ms back-off, no retry quota (many faults in a row must not trip it). */
    public static ClientOverrideConfiguration config() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                        .circuitBreakerEnabled(false)
                        .build())
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .build();
    }
}
