package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Action;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stateful fake of the ELBv2, ECS and CloudWatch APIs on one local WireMock endpoint, for the real AWS SDK v2
 * clients. Writes change its state and describes read it back; ECS rollouts advance one step per DescribeServices
 * (or {@link #tick()}); faults can be injected into any action. Point clients at {@link #endpoint()}.
 *
 * <pre>{@code
 * try (FakeAws aws = FakeAws.startStandard()) {
 *     aws.inject("ModifyListener", Fault.THROTTLING, 1);
 *     ... run the code under test with clients built by SdkClients ...
 *     assertThat(aws.listenerSplit()).isEqualTo(new TrafficSplit(0, 100));
 * }
 * }</pre>
 */
public final class FakeAws implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    public static final String CLUSTER = "prod";
    public static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
    public static final String HOSTED_ZONE_ID = "Z0FAKEZONE0000000001";
    public static final String RECORD_NAME = "api.example.com";
    public static final String BLUE_SET_IDENTIFIER = "api-blue";
    public static final String GREEN_SET_IDENTIFIER = "api-green";
    public static final String APP_RUNNER_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1.0.0";
    public static final String APP_RUNNER_BLUE_ARN = "arn:aws:apprunner:us-east-1:123456789012:service/api-blue/"
            + "0123456789abcdef0123456789abcdef";
    public static final String APP_RUNNER_GREEN_ARN = "arn:aws:apprunner:us-east-1:123456789012:service/api-green/"
            + "fedcba9876543210fedcba9876543210";
    public static final String BLUE_SERVICE = "web-blue";
    public static final String GREEN_SERVICE = "web-green";
    public static final String BLUE_SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/web-blue";
    public static final String GREEN_SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/web-green";
    public static final String FAMILY = "web";
    public static final String TASK_DEFINITION_ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1";
    public static final String CONTAINER = "app";
    public static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1.0.0";
    public static final String BLUE_TARGET_GROUP = "web-blue";
    public static final String GREEN_TARGET_GROUP = "web-green";
    public static final String BLUE_TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-blue/aaaaaaaaaaaaaaaa";
    public static final String GREEN_TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-green/bbbbbbbbbbbbbbbb";
    public static final String LOAD_BALANCER = "web-alb";
    public static final String LOAD_BALANCER_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/50dc6c495c0c9188";
    /** The production listener, port 443. */
    public static final String LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/"
            + "web-alb/50dc6c495c0c9188/1111111111111111";
    /** The test listener, port 8443. */
    public static final String TEST_LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/"
            + "app/web-alb/50dc6c495c0c9188/2222222222222222";
    /** The production listener's rule at priority 10 (path /api/*). */
    public static final String RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/"
            + "web-alb/50dc6c495c0c9188/1111111111111111/3333333333333333";
    public static final String DEFAULT_RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
            + "listener-rule/app/web-alb/50dc6c495c0c9188/1111111111111111/4444444444444444";
    public static final String TEST_DEFAULT_RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
            + "listener-rule/app/web-alb/50dc6c495c0c9188/2222222222222222/5555555555555555";

    private final WireMockServer server;
    private final Dispatcher dispatcher;

    private FakeAws(Builder builder) {
        FakeAwsState state = new FakeAwsState();
        state.rolloutSteps = builder.rolloutSteps;
        state.healthyAfterPolls = builder.healthyAfterPolls;
        if (builder.standardEnvironment) {
            StandardEnvironment.seed(state, builder.clock.instant());
        }
        // The first copy of the state learns its classes (slow on a busy machine); not while a client waits.
        state.copy();
        dispatcher = new Dispatcher(state, builder.clock, builder.readTimeoutDelay);
        if (!builder.staleReads) {
            dispatcher.faults.withoutStaleReads();
        }
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(dispatcher));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
    }

    /** Starts the fake with the standard environment and default settings. */
    public static FakeAws startStandard() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint for every client's {@code endpointOverride}: {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The WireMock server, whose request journal tests may read as well. */
    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    // --- state inspection ---

    /** The production listener's forward weights, as percent. */
    public TrafficSplit listenerSplit() {
        return read(s -> split(s.listeners.get(LISTENER_ARN).actions));
    }

    /** The Route 53 weighted records' weights, as percent (two zeros: 50/50, as Route 53 answers). */
    public TrafficSplit recordSplit() {
        return read(s -> {
            long blue = record(s, BLUE_SET_IDENTIFIER).weight;
            long green = record(s, GREEN_SET_IDENTIFIER).weight;
            return blue + green == 0 ? new TrafficSplit(50, 50) : TrafficSplit.fromWeights((int) blue, (int) green);
        });
    }

    /** The Route 53 tags of the standard hosted zone. */
    public Map<String, String> zoneTags() {
        return read(s -> Map.copyOf(s.hostedZones.get(HOSTED_ZONE_ID).tags));
    }

    private static FakeAwsState.RecordSet record(FakeAwsState s, String setIdentifier) {
        return s.hostedZones.get(HOSTED_ZONE_ID).records.stream()
                .filter(r -> setIdentifier.equals(r.setIdentifier)).findFirst().orElseThrow();
    }

    /** The production rule's forward weights, as percent. */
    public TrafficSplit ruleSplit() {
        return read(s -> split(s.rules.get(RULE_ARN).actions));
    }

    /** A listener rule's forward weights for two target groups, as percent (blue, green). */
    public TrafficSplit ruleSplit(String ruleArn, String blueTargetGroupArn, String greenTargetGroupArn) {
        return read(s -> {
            FakeAwsState.Rule rule = s.rules.get(ruleArn);
            return split(rule.isDefault ? s.listeners.get(rule.listenerArn).actions : rule.actions,
                    blueTargetGroupArn, greenTargetGroupArn);
        });
    }

    /** The name of the target group the test listener forwards to, or null when there is none or no test listener. */
    public String testListenerTarget() {
        return read(s -> s.listeners.getOrDefault(TEST_LISTENER_ARN, new FakeAwsState.Listener()).actions.stream()
                .flatMap(a -> a.targetGroups.stream()).filter(w -> w.weight > 0)
                .map(w -> s.targetGroups.get(w.targetGroupArn).name).findFirst().orElse(null));
    }

    public ServiceView service(String name) {
        return read(s -> ServiceView.of(s, s.service(name)));
    }

    /** The RegisterTaskDefinition body stored for an ARN, {@code family:revision} or family (latest). */
    public ObjectNode taskDefinition(String ref) {
        return read(s -> TaskDefinitions.resolve(s, ref).map(arn -> TaskDefinitions.body(s, arn))
                .orElseThrow(() -> new IllegalArgumentException("The fake has no task definition " + ref + ".")));
    }

    /** The body of the CloudWatch dashboard as last put, or null when there is none by that name. */
    public String dashboard(String name) {
        return read(s -> s.dashboards.get(name));
    }

    /** The ELBv2 tags of a resource. */
    public Map<String, String> tags(String arn) {
        return read(s -> new LinkedHashMap<>(s.tags.getOrDefault(arn, Map.of())));
    }

    /** Every call received so far, in order. */
    /**
     * Forgets every call recorded so far, here and in the HTTP server's journal; for benchmarks that measure the
     * heap of the code under test in the same JVM, where thousands of recorded calls would count as theirs.
     */
    public void forgetCalls() {
        dispatcher.forgetCalls();
        server.resetRequests();
    }

    public List<Call> calls() {
        return dispatcher.calls();
    }

    /** How many calls {@link #calls()} holds, without copying them. */
    public int callCount() {
        return dispatcher.callCount();
    }

    /** When the {@code index}th call of {@link #calls()} arrived, in {@link System#nanoTime()}. */
    public long arrival(int index) {
        return dispatcher.arrival(index);
    }

    public List<Call> calls(String action) {
        return calls().stream().filter(c -> c.action().equals(action)).toList();
    }

    /** Reads the live state under the fake's lock; for checks the other accessors do not cover. */
    public <T> T read(Function<FakeAwsState, T> query) {
        return dispatcher.withState(query);
    }

    // --- test controls ---

    /** Changes the live state under the fake's lock, to shape environments the standard one does not cover. */
    public void edit(Consumer<FakeAwsState> change) {
        dispatcher.withState(s -> {
            change.accept(s);
            return null;
        });
    }

    /** Makes every target of the named target group report unhealthy (or healthy again). */
    public void slotUnhealthy(String targetGroupName, boolean unhealthy) {
        edit(s -> s.targetGroupNamed(targetGroupName).unhealthy = unhealthy);
    }

    /** Makes the service's next rollouts end in FAILED (circuit breaker) instead of COMPLETED. */
    public void rolloutFails(String serviceName) {
        edit(s -> s.service(serviceName).rolloutFails = true);
    }

    /** Advances every unfinished rollout or scaling by one step, as one DescribeServices of each service would. */
    public void tick() {
        edit(dispatcher.ecs::tick);
    }

    /** DescribeServices calls (or ticks) the next rollouts take to finish. */
    public void rolloutSteps(int steps) {
        int checked = atLeast(1, steps, "rolloutSteps");
        edit(s -> s.rolloutSteps = checked);
    }

    /** DescribeTargetHealth calls that must see a new task before it reports healthy. */
    public void healthyAfterPolls(int polls) {
        int checked = atLeast(0, polls, "healthyAfterPolls");
        edit(s -> s.healthyAfterPolls = checked);
    }

    /** How long a READ_TIMEOUT reply is held back; keep it above the clients' attempt timeout. */
    public void readTimeoutDelay(Duration delay) {
        dispatcher.readTimeoutDelay(delay);
    }

    /** Sets a CloudWatch alarm's state: OK, ALARM or INSUFFICIENT_DATA. */
    public void alarm(String name, String state) {
        if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(state)) {
            throw new IllegalArgumentException("Alarm state must be OK, ALARM or INSUFFICIENT_DATA, got " + state);
        }
        edit(s -> s.alarms.put(name, state));
    }

    /** The metric values GetMetricData answers with. */
    public MetricProgramme metrics() {
        return dispatcher.metrics;
    }

    // --- fault injection ---

    /** The next {@code times} calls of {@code action} ({@code *} for any) fail with {@code fault}, then succeed. */
    public void inject(String action, Fault fault, int times) {
        dispatcher.withState(s -> {
            dispatcher.faults.inject(action, fault, times);
            return null;
        });
    }

    /** Every call of {@code action} ({@code *} for any) fails with {@code fault} until {@link #clearFaults()}. */
    public void injectAlways(String action, Fault fault) {
        dispatcher.withState(s -> {
            dispatcher.faults.injectAlways(action, fault);
            return null;
        });
    }

    /** Calls of the write {@code action} are accepted but change nothing, until {@link #clearFaults()}. */
    public void ignoreWrites(String action) {
        dispatcher.withState(s -> {
            dispatcher.faults.ignoreWrites(action);
            return null;
        });
    }

    /** The next {@code times} calls of the describe {@code action} show the state before its latest write. */
    public void staleReads(String action, int times) {
        inject(action, Fault.STALE_READ, times);
    }

    /**
     * Puts the fake back to {@code saved} (a {@link #read} of {@link FakeAwsState#copy}), with no faults and no
     * programmed metrics, so that many runs can share one server and one set of clients. Calls stay recorded.
     */
    public void restore(FakeAwsState saved) {
        clearFaults();
        metrics().clear();
        dispatcher.restore(saved);
    }

    /** Removes every injected fault and ignored write. */
    public void clearFaults() {
        dispatcher.withState(s -> {
            dispatcher.faults.clear();
            return null;
        });
    }

    private static TrafficSplit split(List<Action> actions) {
        return split(actions, BLUE_TARGET_GROUP_ARN, GREEN_TARGET_GROUP_ARN);
    }

    private static TrafficSplit split(List<Action> actions, String blue, String green) {
        Action forward = actions.stream().filter(a -> "forward".equals(a.type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No forward action in " + actions.size() + " actions"));
        return TrafficSplit.fromWeights(forward.weightOf(blue), forward.weightOf(green));
    }

    private static int atLeast(int minimum, int value, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value + ".");
        }
        return value;
    }

    /** Settings of a fake AWS; {@link #start()} starts it. */
    public static final class Builder {
        private boolean standardEnvironment = true;
        private int rolloutSteps = 2;
        private int healthyAfterPolls = 1;
        private Duration readTimeoutDelay = Duration.ofSeconds(3);
        private Clock clock = Clock.systemUTC();
        private boolean staleReads = true;

        private Builder() {}

        /** Starts with no resources at all, for tests that build their own through {@link FakeAws#edit}. */
        public Builder empty() {
            standardEnvironment = false;
            return this;
        }

        /** DescribeServices calls (or ticks) a rollout takes to finish; default 2. */
        public Builder rolloutSteps(int steps) {
            rolloutSteps = atLeast(1, steps, "rolloutSteps");
            return this;
        }

        /** DescribeTargetHealth calls that see a new task before it is healthy; default 1. */
        public Builder healthyAfterPolls(int polls) {
            healthyAfterPolls = atLeast(0, polls, "healthyAfterPolls");
            return this;
        }

        /** How long READ_TIMEOUT replies are held back; default 3 seconds, above the clients' 2-second timeout. */
        public Builder readTimeoutDelay(Duration delay) {
            readTimeoutDelay = delay;
            return this;
        }

        /** The clock for creation and registration times. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Keeps no copy of the account before each write, which only {@link Fault#STALE_READ} needs (and which
         * makes a write cost several reads): for benchmarks that compare a run's calls with a read's round trip.
         */
        public Builder withoutStaleReads() {
            staleReads = false;
            return this;
        }

        public FakeAws start() {
            return new FakeAws(this);
        }
    }
}
