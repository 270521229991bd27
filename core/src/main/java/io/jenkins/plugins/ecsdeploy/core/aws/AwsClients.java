package io.jenkins.plugins.ecsdeploy.core.aws;

import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The SDK clients for one {@link AwsConnection}, built on first use and sharing one HTTP connection pool. Closing
 * releases every client built so far. Given {@link SharedAwsResources}, the clients use that HTTP client and
 * timeout scheduler and closing leaves both to their owner.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsConnection connection;
    private final SharedAwsResources shared;
    private SdkHttpClient http;
    private ElasticLoadBalancingV2Client elb;
    private EcsClient ecs;
    private CloudWatchClient cloudWatch;
    private Route53Client route53;
    private AppRunnerClient appRunner;
    private CodeDeployClient codeDeploy;
    private boolean closed;

    private AwsClients(AwsConnection connection, SharedAwsResources shared) {
        this.connection = connection;
        this.shared = shared;
    }

    public static AwsClients create(AwsConnection connection) {
        return create(connection, null);
    }

    /** @param shared HTTP client and scheduler owned by the caller, or null for the clients' own */
    public static AwsClients create(AwsConnection connection, SharedAwsResources shared) {
        if (connection == null) {
            throw new IllegalArgumentException("AWS connection is not set: give at least a region.");
        }
        return new AwsClients(connection, shared);
    }

    public AwsConnection connection() {
        return connection;
    }

    public synchronized ElasticLoadBalancingV2Client elb() {
        requireOpen();
        if (elb == null) {
            elb = configure(ElasticLoadBalancingV2Client.builder()).build();
        }
        return elb;
    }

    public synchronized EcsClient ecs() {
        requireOpen();
        if (ecs == null) {
            ecs = configure(EcsClient.builder()).build();
        }
        return ecs;
    }

    public synchronized CloudWatchClient cloudWatch() {
        requireOpen();
        if (cloudWatch == null) {
            cloudWatch = configure(CloudWatchClient.builder()).build();
        }
        return cloudWatch;
    }

    /** Route 53 is global: its client signs for {@code aws-global} whatever the connection's region. */
    public synchronized Route53Client route53() {
        requireOpen();
        if (route53 == null) {
            route53 = configure(Route53Client.builder()).region(Region.AWS_GLOBAL).build();
        }
        return route53;
    }

    public synchronized AppRunnerClient appRunner() {
        requireOpen();
        if (appRunner == null) {
            appRunner = configure(AppRunnerClient.builder()).build();
        }
        return appRunner;
    }

    public synchronized CodeDeployClient codeDeploy() {
        requireOpen();
        if (codeDeploy == null) {
            codeDeploy = configure(CodeDeployClient.builder()).build();
        }
        return codeDeploy;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Clients first: a client given a shared HTTP client leaves closing it to its owner.
        if (elb != null) {
            elb.close();
        }
        if (ecs != null) {
            ecs.close();
        }
        if (cloudWatch != null) {
            cloudWatch.close();
        }
        if (route53 != null) {
            route53.close();
        }
        if (appRunner != null) {
            appRunner.close();
        }
        if (codeDeploy != null) {
            codeDeploy.close();
        }
        if (http != null && shared == null) {
            http.close();
        }
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(connection.region()))
                .httpClient(http())
                .overrideConfiguration(overrides(connection.retry(), shared));
        if (connection.credentials() != null) {
            builder.credentialsProvider(connection.credentials());
        }
        if (connection.endpointUrl() != null) {
            builder.endpointOverride(URI.create(connection.endpointUrl()));
        }
        return builder;
    }

    private SdkHttpClient http() {
        if (http == null) {
            http = shared != null ? shared.http() : ApacheHttpClient.builder().build();
        }
        return http;
    }

    private static ClientOverrideConfiguration overrides(RetrySettings retry, SharedAwsResources shared) {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(retry))
                .apiCallAttemptTimeout(retry.apiCallAttemptTimeout())
                .apiCallTimeout(retry.apiCallTimeout());
        if (shared != null) {
            // Else each client starts a scheduler thread of its own for the timeouts above.
            b.scheduledExecutorService(shared.scheduler());
        }
        return b.build();
    }

    /** The SDK's standard strategy with AWS's retry conditions (throttling codes, 5xx, transient I/O). */
    private static RetryStrategy retryStrategy(RetrySettings retry) {
        // exponentialDelay is the full-jitter variant; throttling uses the same curve so tests stay fast.
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retry.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("AWS clients were closed; create new ones with AwsClients.create.");
        }
    }
}
