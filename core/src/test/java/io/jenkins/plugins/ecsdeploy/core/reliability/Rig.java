package io.jenkins.plugins.ecsdeploy.core.reliability;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentListener;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import io.jenkins.plugins.ecsdeploy.core.engine.Transition;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.testing.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One fake AWS and one set of real SDK clients, shared by many runs: each run starts from a saved copy of the fake's
 * state, so that hundreds of runs do not each pay for a new server and new clients. Time is simulated.
 *
 * <p>The clients' attempt timeout is short ({@link #ATTEMPT_TIMEOUT}) and the fake holds READ_TIMEOUT replies for
 * longer ({@link #READ_TIMEOUT_DELAY}), so that a timed-out attempt costs half a second, not the default seconds.
 */
final class Rig implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);
    static final Duration READ_TIMEOUT_DELAY = Duration.ofMillis(800);
    /** Three attempts per call, as {@link RetrySettings#fast()}, with the short attempt timeout. */
    static final RetrySettings RETRY = new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5),
            ATTEMPT_TIMEOUT, Duration.ofSeconds(10));
    /** Rigs are replaced after this many runs: the fake keeps every call, and the log should stay small. */
    static final int RUNS_PER_RIG = 150;

    final FakeAws aws;
    final AwsClients clients;
    final List<String> log = new ArrayList<>();
    final FakeAwsState pristine;
    /** The fake's state after each kind of preparation run; see {@link Driver}. */
    final Map<Scenario.Before, FakeAwsState> startingStates = new EnumMap<>(Scenario.Before.class);
    Instant now = START;
    int runs;
    private int callOffset;

    Rig() {
        // App Runner operations progress on the fake's clock: it must be the runs' simulated time.
        aws = FakeAws.builder().readTimeoutDelay(READ_TIMEOUT_DELAY).clock(new SimulatedClock(() -> now)).start();
        clients = AwsClients.create(new AwsConnection(FakeAws.REGION, aws.endpoint(), SdkClients.credentials(),
                RETRY));
        warmUp();
        pristine = snapshot();
    }

    /**
     * The first calls of new SDK clients load and initialise much of the SDK, which on a busy machine takes longer
     * than the short attempt timeout: made here, so that no run's first call times out for it; then forgotten.
     */
    private void warmUp() {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                clients.ecs().describeClusters(b -> b.clusters(FakeAws.CLUSTER));
                clients.elb().describeListeners(b -> b.listenerArns(FakeAws.LISTENER_ARN));
                clients.cloudWatch().describeAlarms(b -> b.alarmNames("warm-up"));
                break;
            } catch (RuntimeException slowStart) {
                // Tried again: a timed-out first attempt still warmed part of the SDK.
            }
        }
        // A rig that has run nothing has made no call.
        aws.forgetCalls();
    }

    FakeAwsState snapshot() {
        return aws.read(FakeAwsState::copy);
    }

    /** Puts the fake back to {@code saved}, with no faults, no programmed metrics and an empty call window. */
    void restore(FakeAwsState saved) {
        runs++;
        aws.restore(saved);
        aws.server().resetRequests();
        callOffset = aws.calls().size();
        log.clear();
        now = START;
    }

    /** Calls received since the last {@link #restore}. */
    List<Call> calls() {
        List<Call> all = aws.calls();
        return all.subList(callOffset, all.size());
    }

    int callCount() {
        return aws.calls().size() - callOffset;
    }

    EnvironmentConfig config(String yaml) {
        return ConfigLoader.parse(yaml.replace("${endpoint}", aws.endpoint()), "reliability");
    }

    /** An engine as the CLI builds it, with a smoke checker that passes: smoke checks call no AWS API. */
    DeploymentEngine engine(EnvironmentConfig config) {
        SmokeChecker passing = (check, version, attempt) -> new SmokeResult(check.url(), attempt, now, true, 200, 1,
                "ok");
        return AwsEngines.create(config, clients, passing, new DeploymentListener() {
            @Override
            public void onTransition(DeploymentState state, Transition t) {
                log.add(t.at() + " " + t.to() + ": " + t.reason());
            }

            @Override
            public void onProgress(DeploymentState state, String message) {
                log.add(now + "   " + message);
            }
        }, LockSettings.at(LockSettings.localHost()));
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }
}
