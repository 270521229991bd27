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
 * 3 attempts and a 1 ms back-off (so retried faults cost no time), and an attempt timeout shorter than the fake's
 * default {@link FakeAws#readTimeoutDelay} so that {@link Fault#READ_TIMEOUT} replies time out. Tests that inject
 * READ_TIMEOUT and want to stay fast lower both: a client with a shorter attempt timeout, and a delay above it.
 */
public final class SdkClients {

    /** The default per-attempt timeout: generous enough for a busy machine, below the fake's read-timeout delay. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

    private SdkClients() {}

    public static ElasticLoadBalancingV2Client elb(FakeAws aws) {
        return elb(aws, ATTEMPT_TIMEOUT);
    }

    public static ElasticLoadBalancingV2Client elb(FakeAws aws, Duration attemptTimeout) {
        return ElasticLoadBalancingV2Client.builder().endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .overrideConfiguration(config(attemptTimeout))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static EcsClient ecs(FakeAws aws) {
        return ecs(aws, ATTEMPT_TIMEOUT);
    }

    public static EcsClient ecs(FakeAws aws, Duration attemptTimeout) {
        return EcsClient.builder().endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .overrideConfiguration(config(attemptTimeout))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static CloudWatchClient cloudWatch(FakeAws aws) {
        return cloudWatch(aws, ATTEMPT_TIMEOUT);
    }

    public static CloudWatchClient cloudWatch(FakeAws aws, Duration attemptTimeout) {
        return CloudWatchClient.builder().endpointOverride(URI.create(aws.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials())
                .overrideConfiguration(config(attemptTimeout))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** Fake keys, valid in form only: the fake does not check signatures. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAFAKEFAKEFAKEFAKE", "fake-secret"));
    }

    /** Standard AWS retries, 3 attempts, 1 ms back-off, no retry quota (many faults in a row must not trip it). */
    public static ClientOverrideConfiguration config(Duration attemptTimeout) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(3)
                        .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                        .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(1)))
                        .circuitBreakerEnabled(false)
                        .build())
                .apiCallAttemptTimeout(attemptTimeout)
                .build();
    }
}
