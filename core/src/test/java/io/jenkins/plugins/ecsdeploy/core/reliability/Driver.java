package io.jenkins.plugins.ecsdeploy.core.reliability;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentEngine;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.EcsNativeSeed;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one scenario to its end on a {@link Rig}, calling {@code advance} at exactly the instant the engine asks
 * for. Optional disturbances: a fault injected when the run first enters a phase, and a simulated crash at one step.
 */
final class Driver {

    /** A run that has not finished after this many steps counts as stuck. */
    static final int MAX_STEPS = 2_000;

    /** One call of {@code advance}: the phase it ran in and the AWS actions it called. */
    record Step(Phase phase, List<String> actions) {
    }

    /** How a run ended, with what the invariants need to know. */
    record Result(Scenario scenario, DeploymentState state, TrafficSplit splitAtStart, RuntimeException escaped,
            int steps, List<Step> trace, List<String> log) {

        Outcome outcome() {
            return state.getRecord().getOutcome();
        }
    }

    /** Something done to AWS before a step, such as arming a fault when the run enters a phase. */
    @FunctionalInterface
    interface Disturbance {
        void beforeStep(Rig rig, Phase phase);
    }

    /** Where a crash is simulated: after step {@code step} (0-based) of the run. */
    record Crash(int step, boolean beforeSave) {

        /** The state is lost after the step and restored from the JSON saved once the step had finished. */
        static Crash afterSave(int step) {
            return new Crash(step, false);
        }

        /** The step's AWS calls were made but its state was never saved: it runs again from the JSON before it. */
        static Crash beforeSave(int step) {
            return new Crash(step, true);
        }
    }

    private Driver() {
    }

    /** Runs {@code scenario} with no disturbance, recording the phase and AWS actions of every step. */
    static Result clean(Rig rig, Scenario scenario) {
        return run(rig, scenario, null, null, true);
    }

    static Result run(Rig rig, Scenario scenario, Disturbance disturbance, Crash crash, boolean trace) {
        rig.restore(startingState(rig, scenario.before));
        scenario.setUp(rig);
        TrafficSplit before = scenario.traffic(rig);
        EnvironmentConfig config = rig.config(scenario.yaml);
        DeploymentEngine engine = rig.engine(config);
        DeploymentState state = engine.start(scenario.request, "d-reliability", rig.now);
        List<Step> steps = new ArrayList<>();
        for (int step = 0; step < MAX_STEPS; step++) {
            Phase phase = state.getPhase();
            scenario.beforeStep(rig, phase);
            if (disturbance != null) {
                disturbance.beforeStep(rig, phase);
            }
            boolean crashHere = crash != null && crash.step() == step;
            String saved = crashHere && crash.beforeSave() ? StateJson.write(state) : null;
            int callsBefore = trace ? rig.callCount() : 0;
            Instant next;
            try {
                next = engine.advance(state, rig.now);
            } catch (RuntimeException e) {
                return new Result(scenario, state, before, e, step + 1, steps, List.copyOf(rig.log));
            }
            if (trace) {
                List<Call> calls = rig.calls();
                steps.add(new Step(phase, calls.subList(callsBefore, calls.size()).stream().map(Call::action)
                        .toList()));
            }
            if (crashHere) {
                // A new engine, and the state as a restarted controller would read it from disk.
                state = StateJson.readState(saved != null ? saved : StateJson.write(state));
                engine = rig.engine(config);
                if (saved != null) {
                    continue;
                }
            }
            if (next == null) {
                return new Result(scenario, state, before, null, step + 1, steps, List.copyOf(rig.log));
            }
            if (next.isAfter(rig.now)) {
                rig.now = next;
            }
        }
        return new Result(scenario, state, before, null, MAX_STEPS, steps, List.copyOf(rig.log));
    }

    /** The fake's state after the scenario's preparation run, made once per rig and then restored for every run. */
    private static FakeAwsState startingState(Rig rig, Scenario.Before before) {
        FakeAwsState known = rig.startingStates.get(before);
        if (known != null) {
            return known;
        }
        FakeAwsState start = rig.pristine;
        if (before == Scenario.Before.CODEDEPLOY) {
            rig.restore(rig.pristine);
            rig.aws.edit(CodeDeploySeed::seed);
            start = rig.snapshot();
        } else if (before == Scenario.Before.ECS_NATIVE) {
            rig.restore(rig.pristine);
            rig.aws.edit(s -> EcsNativeSeed.seed(s, "BLUE_GREEN"));
            start = rig.snapshot();
        } else if (before.request != null) {
            rig.restore(rig.pristine);
            Scenario.BLUE_GREEN.setUp(rig);
            EnvironmentConfig config = rig.config(before.yaml);
            DeploymentEngine engine = rig.engine(config);
            DeploymentRequest request = before.request;
            DeploymentState state = engine.start(request, "d-preparation", rig.now);
            for (int i = 0; i < MAX_STEPS && !state.isFinished(); i++) {
                Instant next = engine.advance(state, rig.now);
                if (next != null && next.isAfter(rig.now)) {
                    rig.now = next;
                }
            }
            if (state.getRecord().getOutcome() == null || !state.getRecord().getOutcome().isSuccess()) {
                throw new IllegalStateException("Preparation " + before + " did not succeed:\n"
                        + String.join("\n", rig.log));
            }
            start = rig.snapshot();
        }
        rig.startingStates.put(before, start);
        return start;
    }
}
