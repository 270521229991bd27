package io.jenkins.plugins.ecsdeploy.core.aws;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client and a timeout scheduler that many {@link AwsClients} share, owned and closed by whoever made them
 * (a long-lived process such as the Jenkins controller). Without them each SDK client starts its own scheduler
 * thread and connection pool, so a process with a thousand deployments in flight would hold thousands of threads.
 *
 * @param http the HTTP client every SDK client sends through; the SDK never closes a client it was given
 * @param scheduler runs the SDK's call and attempt timeouts; the SDK never shuts down an executor it was given
 */
public record SharedAwsResources(SdkHttpClient http, ScheduledExecutorService scheduler) {

    public SharedAwsResources {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(scheduler, "scheduler");
    }
}
