package io.jenkins.plugins.ecsdeploy.runtime;

import hudson.init.Terminator;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.ecsdeploy.core.aws.SharedAwsResources;
import io.jenkins.plugins.ecsdeploy.core.smoke.HttpSmokeChecker;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jenkins.util.SystemProperties;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * What every deployment on this controller shares: a small pool that runs the engine's short steps, one HTTP
 * client and one timeout scheduler for all AWS SDK clients, and one smoke checker. A deployment waiting for ECS or
 * a bake holds no thread at all: Jenkins' timer calls it back, and only the step itself runs on the pool. So the
 * number of threads is fixed however many deployments are in flight.
 */
@Restricted(NoExternalUse.class)
public final class SharedRuntime {

    /** Threads that run engine steps; each step is a few AWS calls, so a handful serve many deployments. */
    public static final String STEP_THREADS_PROPERTY = SharedRuntime.class.getName() + ".stepThreads";

    private static volatile SharedRuntime instance;

    private final ThreadPoolExecutor steps;
    private final ScheduledThreadPoolExecutor awsTimeouts;
    private final SdkHttpClient http;
    private final HttpSmokeChecker smoke;

    private SharedRuntime() {
        int threads = Math.max(1, SystemProperties.getInteger(STEP_THREADS_PROPERTY, 8));
        steps = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamingThreadFactory(new DaemonThreadFactory(), "ECS deployment steps"));
        steps.allowCoreThreadTimeOut(true);
        awsTimeouts = new ScheduledThreadPoolExecutor(1,
                new NamingThreadFactory(new DaemonThreadFactory(), "ECS deployment AWS timeouts"));
        awsTimeouts.setRemoveOnCancelPolicy(true);
        // Connections are bounded for all deployments together; a step waits for one rather than opening more.
        http = ApacheHttpClient.builder().maxConnections(64).build();
        smoke = new HttpSmokeChecker(Clock.systemUTC());
    }

    public static SharedRuntime get() {
        SharedRuntime r = instance;
        if (r == null) {
            synchronized (SharedRuntime.class) {
                r = instance;
                if (r == null) {
                    r = new SharedRuntime();
                    instance = r;
                }
            }
        }
        return r;
    }

    public ExecutorService steps() {
        return steps;
    }

    public SharedAwsResources aws() {
        return new SharedAwsResources(http, awsTimeouts);
    }

    ScheduledExecutorService awsTimeouts() {
        return awsTimeouts;
    }

    SdkHttpClient http() {
        return http;
    }

    public HttpSmokeChecker smoke() {
        return smoke;
    }

    /** Threads the pool has now; for the runtime benchmark. */
    public int stepThreads() {
        return steps.getPoolSize();
    }

    /**
     * Stops the pools when Jenkins shuts down. Takes the instance out first and then closes without holding any
     * lock, so a step finishing on the pool (which may close a client lease) cannot deadlock with the shutdown.
     */
    @Terminator
    public static void shutdown() {
        SharedRuntime r;
        synchronized (SharedRuntime.class) {
            r = instance;
            instance = null;
        }
        if (r == null) {
            return;
        }
        AwsClientCache.closeAll();
        r.steps.shutdownNow();
        r.awsTimeouts.shutdownNow();
        r.http.close();
    }
}
