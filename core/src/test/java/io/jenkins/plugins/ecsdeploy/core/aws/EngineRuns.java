package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole runs through {@link AwsEngines}, as the CLI builds them, in simulated time: {@code advance} is called at the
 * instant the engine asks for. Smoke checks pass; transitions and progress go to {@link #log}.
 */
final class EngineRuns {

    final List<String> log = new ArrayList<>();
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    /** Called with every progress message, for tests that change AWS at a given moment of a run. */
    java.util.function.Consumer<String> onProgress = message -> { };
    private final AwsClients clients;

    EngineRuns(AwsClients clients) {
        this.clients = clients;
    }

    DeploymentEngine engine(EnvironmentConfig config) {
        return AwsEngines.create(config, clients, (check, version, attempt) -> new SmokeResult(check.url(), attempt,
                now, true, 200, 1, "ok"), new DeploymentListener() {
                    @Override
                    public void onTransition(DeploymentState state, Transition t) {
                        log.add(t.to() + ": " + t.reason());
                    }

                    @Override
                    public void onProgress(DeploymentState state, String message) {
                        log.add("  " + message);
                        onProgress.accept(message);
                    }
                }, LockSettings.at("test@engine-runs"));
    }

    /** Runs {@code request} to its end. */
    DeploymentState run(EnvironmentConfig config, DeploymentRequest request) {
        return run(config, request, "d-test", null);
    }

    /** Runs {@code request} as run {@code id} to its end, reusing the names {@code previous} resolved (or null). */
    DeploymentState run(EnvironmentConfig config, DeploymentRequest request, String id, DeploymentState previous) {
        DeploymentEngine engine = engine(config);
        DeploymentState s = engine.start(request, id, now, previous);
        for (int i = 0; i < 5_000; i++) {
            Instant next = engine.advance(s, now);
            if (next == null) {
                return s;
            }
            now = next.isAfter(now) ? next : now;
        }
        throw new AssertionError("run did not finish; log:\n" + String.join("\n", log));
    }

    static List<Phase> phases(DeploymentState s) {
        return s.getRecord().getTransitions().stream().map(Transition::to).toList();
    }
}
