package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs whole deployments of the standard environment in simulated time: {@code advance} is called at exactly the
 * instant the engine asks for, so a five-minute bake takes no wall-clock time. Subclasses say what the engine
 * talks to: the wire-level fake AWS ({@link EngineHarness}) or the in-memory one ({@link MemoryHarness}).
 */
abstract class RunHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    /** The lock label every harness engine writes, unless a test picks another. */
    static final String WHERE = "test@harness";

    final List<String> log = new ArrayList<>();
    Instant now = START;
    private String extraYaml = "";
    private String listenerYaml = "  loadBalancer: web-alb\n  port: 443\n";

    /** An engine for {@link #config()} whose lock names {@link #WHERE}. */
    abstract DeploymentEngine engine();

    /** The endpoint the config names, or null for none. */
    abstract String endpointUrl();

    /** The smokeChecks section of the environment, or empty for none. */
    abstract String smokeYaml();

    /** Adds YAML sections (health, analysis, testListener) to the environment. */
    RunHarness with(String yaml) {
        extraYaml += yaml;
        return this;
    }

    /** Steers the rule at priority 10 instead of the listener's default action. */
    RunHarness steeringRule() {
        listenerYaml += "  rulePriority: 10\n";
        return this;
    }

    EnvironmentConfig config() {
        String yaml = "name: prod-web\n"
                + "region: us-east-1\n"
                + (endpointUrl() == null ? "" : "endpointUrl: " + endpointUrl() + "\n")
                + "cluster: prod\n"
                + "container: app\n"
                + "slots:\n"
                + "  blue: {service: web-blue, targetGroup: web-blue}\n"
                + "  green: {service: web-green, targetGroup: web-green}\n"
                + "listener:\n" + listenerYaml
                + smokeYaml()
                + extraYaml;
        return ConfigLoader.parse(yaml, "test");
    }

    /** Hears the run as the CLI would print it. */
    DeploymentListener listener() {
        return new DeploymentListener() {
            @Override
            public void onTransition(DeploymentState state, Transition t) {
                log.add(t.to() + ": " + t.reason());
            }

            @Override
            public void onProgress(DeploymentState state, String message) {
                log.add("  " + message);
            }
        };
    }

    DeploymentState start(DeploymentRequest request) {
        return engine().start(request, "d-test", now);
    }

    /** Runs to the end, jumping the clock to each instant the engine asks for. */
    DeploymentState run(DeploymentRequest request) {
        DeploymentEngine engine = engine();
        return runToEnd(engine, engine.start(request, "d-test", now));
    }

    DeploymentState runToEnd(DeploymentEngine engine, DeploymentState state) {
        return runUntil(engine, state, s -> false);
    }

    /** Advances until the run finishes or {@code stop} holds after a step; at most 10,000 steps. */
    DeploymentState runUntil(DeploymentEngine engine, DeploymentState state, Predicate<DeploymentState> stop) {
        for (int i = 0; i < 10_000; i++) {
            Instant next = engine.advance(state, now);
            if (next == null || stop.test(state)) {
                return state;
            }
            if (next.isAfter(now)) {
                now = next;
            }
        }
        throw new AssertionError("run did not finish in 10,000 steps; log:\n" + String.join("\n", log));
    }

    List<Phase> phases(DeploymentState state) {
        return state.getRecord().getTransitions().stream().map(Transition::to).toList();
    }

    @Override
    public void close() {
    }
}
