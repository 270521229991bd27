package io.jenkins.plugins.ecsdeploy.core.memory;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fake AWS's standard environment (blue live with two tasks of {@code web:1}, green idle at zero) kept in
 * memory behind the engine's ports, for engine tests that need no SDK, no HTTP and no adapter: a whole deployment
 * runs in milliseconds. Each port call is recorded under the AWS actions its adapter makes, so that a test moved
 * here from the wire-level fake reads the same. What only the wire shows (request bodies, SDK retries, AWS error
 * codes and messages, rules and stale replies of each API) stays tested against {@code FakeAws}.
 */
public final class InMemoryAws {

    public static final String LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/"
            + "web-alb/50dc6c495c0c9188/1111111111111111";

    final List<String> calls = new ArrayList<>();
    final MemoryServices services = new MemoryServices(this);
    final MemoryListeners listeners = new MemoryListeners(this);
    final MemoryCloudWatch cloudWatch = new MemoryCloudWatch(this);
    final MemoryLock lock = new MemoryLock(this);

    /** Resolves any environment to the standard one, with a test listener when the config has one. */
    public EnvironmentResolver resolver() {
        return config -> environment(config);
    }

    public Ports.Factory ports() {
        return env -> new Ports(listeners, listeners, listeners, services, cloudWatch, lock);
    }

    // --- what tests read ---

    /** Every AWS action made so far, in order. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The AWS actions made so far for {@code action}, one entry per call. */
    public synchronized List<String> calls(String action) {
        return calls.stream().filter(action::equals).toList();
    }

    public TrafficSplit listenerSplit() {
        return listeners.production;
    }

    public ServiceView service(String name) {
        return services.view(slotOf(name));
    }

    // --- what tests change ---

    /** Sets the production split, as someone outside the run would. */
    public void listenerSplit(TrafficSplit split) {
        listeners.production = split;
    }

    /** Makes every target of the named target group report unhealthy (or healthy again). */
    public void slotUnhealthy(String targetGroupName, boolean unhealthy) {
        listeners.unhealthy.put(slotOf(targetGroupName), unhealthy);
    }

    /** Makes the service's next rollouts end in FAILED (circuit breaker) instead of COMPLETED. */
    public void rolloutFails(String serviceName) {
        services.failing.add(slotOf(serviceName));
    }

    public void alarm(String name, String state) {
        cloudWatch.alarms.put(name, state);
    }

    /** The metric values that analysis and scale-down read, per slot. */
    public MemoryCloudWatch metrics() {
        return cloudWatch;
    }

    /** Writes of the production or test split are accepted but change nothing. */
    public void ignoreSplitWrites() {
        listeners.ignoreWrites = true;
    }

    /** The next {@code times} reads of the production split show the split before the latest write. */
    public void staleSplitReads(int times) {
        listeners.staleReads = times;
    }

    /** Synchronized: a rollback reads the listener and a slot's health at once, on two threads. */
    synchronized void record(String... actions) {
        calls.addAll(List.of(actions));
    }

    /** The slot a service or target group of the standard environment belongs to: web-blue, web-green. */
    static Slot slotOf(String name) {
        return Slot.parse(name.substring(name.lastIndexOf('-') + 1).toLowerCase(Locale.ROOT));
    }

    private static ResolvedEnvironment environment(EnvironmentConfig config) {
        String prefix = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
        return new ResolvedEnvironment("arn:aws:ecs:us-east-1:123456789012:cluster/prod", "web-blue", "web-green",
                prefix + "targetgroup/web-blue/aaaaaaaaaaaaaaaa", prefix + "targetgroup/web-green/bbbbbbbbbbbbbbbb",
                prefix + "loadbalancer/app/web-alb/50dc6c495c0c9188", LISTENER_ARN, null,
                config.testListener() == null ? null
                        : prefix + "listener/app/web-alb/50dc6c495c0c9188/2222222222222222", null);
    }

    /** A slot's service as a test sees it. */
    public record ServiceView(String image, int desiredCount) {
    }
}
