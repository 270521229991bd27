package io.jenkins.plugins.ecsdeploy.core.savedstate;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig.BASE;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig.HEALTH;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link SavedRun} against a fake AWS account reset to the standard environment, in simulated time, with
 * everything that ends up in a saved state fixed: the run's id, the lock's label, the clock, and a smoke checker
 * that answers without a server.
 */
final class SavedRunDriver {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final int MAX_STEPS = 1_000;

    final FakeAws aws;
    final List<String> log = new ArrayList<>();
    private final FakeAccount account;
    private final SavedRun run;

    SavedRunDriver(SavedRun run, FakeAccount account) {
        this.run = run;
        this.account = account;
        account.reset();
        aws = account.aws;
        aws.alarm("web-5xx", "OK");
        for (String slot : new String[] {"blue", "green"}) {
            aws.metrics().set(slot, "RequestCount", "Sum", 500)
                    .set(slot, "HTTPCode_Target_5XX_Count", "Sum", 0)
                    .set(slot, "TargetResponseTime", "p95", 0.1)
                    .set(slot, "TargetResponseTime", "p99", 0.2)
                    .set(slot, "HealthyHostCount", "Minimum", 2)
                    .set(slot, "UnHealthyHostCount", "Maximum", 0);
        }
        run.setUp(aws);
        if (run.codeDeploy()) {
            aws.edit(CodeDeploySeed::seed);
        }
    }

    EnvironmentConfig config() {
        String yaml = run.codeDeploy() ? CodeDeploySeed.CONFIG : BASE + HEALTH;
        return ConfigLoader.parse(yaml.replace("${endpoint}", aws.endpoint()), "saved-state");
    }

    DeploymentEngine engine() {
        SmokeChecker smoke = (check, version, attempt) -> {
            boolean passed = attempt > run.smokeFailures();
            return new SmokeResult(check.url(), attempt, account.now, passed, passed ? 200 : 503, 12,
                    passed ? "ok" : "status 503");
        };
        return AwsEngines.create(config(), account.clients, smoke, new DeploymentListener() {
            @Override
            public void onTransition(DeploymentState state, Transition t) {
                log.add(t.at() + " " + t.to() + ": " + t.reason());
            }

            @Override
            public void onProgress(DeploymentState state, String message) {
                log.add(account.now + "   " + message);
            }
        }, new LockSettings("saved-state@test", LockSettings.DEFAULT_TTL, LockSettings.DEFAULT_SETTLE));
    }

    /** Runs the earlier run, if any, to its end; then the run itself until its stop, as saved there. */
    DeploymentState runToStop() {
        if (run.before != null) {
            DeploymentEngine engine = engine();
            DeploymentState before = engine.start(run.before, "d-before", account.now);
            finish(engine, before);
            if (before.getRecord().getOutcome() == null || !before.getRecord().getOutcome().isSuccess()) {
                throw new IllegalStateException("The run before " + run + " did not succeed:\n" + String.join("\n",
                        log));
            }
        }
        DeploymentEngine engine = engine();
        DeploymentState state = engine.start(run.request, "d-" + run.fileName().replace(".json", ""),
                account.now);
        int transitions = state.getRecord().getTransitions().size();
        int stepsInPhase = 0;
        for (int i = 0; i < MAX_STEPS; i++) {
            if (state.getPhase() == run.phase && stepsInPhase == run.steps) {
                run.atStop(state, engine::requestAbort);
                return state;
            }
            run.beforeStep(aws, state, engine::requestAbort);
            step(engine, state);
            int after = state.getRecord().getTransitions().size();
            stepsInPhase = after == transitions ? stepsInPhase + 1 : 0;
            transitions = after;
        }
        throw new AssertionError(run + " never stopped in " + run.phase + ":\n" + String.join("\n", log));
    }

    /** Advances the run to its end with a new engine, as a restarted controller would. */
    DeploymentState finish(DeploymentState state) {
        return finish(engine(), state);
    }

    private DeploymentState finish(DeploymentEngine engine, DeploymentState state) {
        for (int i = 0; i < MAX_STEPS && !state.isFinished(); i++) {
            step(engine, state);
        }
        return state;
    }

    private void step(DeploymentEngine engine, DeploymentState state) {
        Instant next = engine.advance(state, account.now);
        if (next != null && next.isAfter(account.now)) {
            account.now = next;
        }
    }
}
