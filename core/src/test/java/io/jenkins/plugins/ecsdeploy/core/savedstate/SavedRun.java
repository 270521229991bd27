package io.jenkins.plugins.ecsdeploy.core.savedstate;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;

/**
 * Runs stopped where a deployment waits (and one finished run), as a Jenkins controller or a killed CLI would have
 * saved them. Each is driven against the fake AWS's standard environment: an optional earlier run that must
 * succeed, then the run itself until it has spent {@link #steps} steps in {@link #phase}. {@link SavedStatesWriter}
 * saves the state there as a fixture; {@code ResumeSavedStateTest} drives the same runs to the same points, swaps in
 * the fixture and finishes it.
 */
enum SavedRun {
    DEPLOY_CONFIRM_LOCK(deploy(), null, Phase.CONFIRM_LOCK, 0, Outcome.SUCCEEDED, green()),
    DEPLOY_WAIT_FOR_READY(deploy(), null, Phase.WAIT_FOR_READY, 1, Outcome.SUCCEEDED, green()),
    /** The first attempt of the smoke check failed and waits for its retry; the second attempt passes. */
    DEPLOY_SMOKE_CHECKS(deploy(), null, Phase.SMOKE_CHECKS, 1, Outcome.SUCCEEDED, green()),
    DEPLOY_VERIFY_SWITCH(deploy(), null, Phase.VERIFY_SWITCH, 0, Outcome.SUCCEEDED, green()),
    /** After the bake's first check, so that the time it last watched the new slot is set. */
    DEPLOY_BAKE(deploy(), null, Phase.BAKE, 1, Outcome.SUCCEEDED, green()),
    DEPLOY_SCALE_DOWN_OLD(deploy().withTimings(null, null, Duration.ofMinutes(2)), null, Phase.SCALE_DOWN_OLD, 1,
            Outcome.SUCCEEDED, green()),
    DEPLOY_VERIFY_CANARY_SHIFT(canaryDeploy(), null, Phase.VERIFY_CANARY_SHIFT, 0, Outcome.SUCCEEDED, green()),
    /** One interval of the first stage analysed. */
    DEPLOY_ANALYSE_CANARY(canaryDeploy(), null, Phase.ANALYSE_CANARY, 1, Outcome.SUCCEEDED, green()),
    /** A canary on green after a deploy without promotion, one interval into its first stage. */
    CANARY_ANALYSE_CANARY(DeploymentRequest.canary(List.of(25, 50), Duration.ofMinutes(2), Slot.GREEN, "carol"),
            notPromoted(), Phase.ANALYSE_CANARY, 1, Outcome.SUCCEEDED, new TrafficSplit(50, 50)),
    SWITCH_VERIFY_SWITCH(DeploymentRequest.switchTo(new TrafficSplit(90, 10), "dave"), notPromoted(),
            Phase.VERIFY_SWITCH, 0, Outcome.SUCCEEDED, new TrafficSplit(90, 10)),
    /** A rollback to blue, which the deploy before it scaled down: blue is being scaled back up. */
    ROLLBACK_WAIT_FOR_TARGET_READY(rollback(), scaledDown(), Phase.WAIT_FOR_TARGET_READY, 1, Outcome.SUCCEEDED,
            blue()),
    ROLLBACK_VERIFY_ROLLBACK(rollback(), deploy(), Phase.VERIFY_ROLLBACK, 0, Outcome.SUCCEEDED, blue()),
    /** An alarm went off during the bake: the rollback was written and is being read back. */
    DEPLOY_VERIFY_ROLLBACK(deploy(), null, Phase.VERIFY_ROLLBACK, 0, Outcome.ROLLED_BACK, blue()),
    /** Someone asked to abort during the bake, and the state was saved before the next step. */
    DEPLOY_BAKE_ABORTED(deploy(), null, Phase.BAKE, 1, Outcome.ROLLED_BACK, blue()),
    /**
     * Aborted during a canary stage while blue was unhealthy: the rollback fell back to all traffic on green and is
     * being read back, with the loud message it reports once the listener shows it.
     */
    DEPLOY_CANARY_FALLBACK_VERIFY_ROLLBACK(canaryDeploy(), null, Phase.VERIFY_ROLLBACK, 0, Outcome.ROLLBACK_FAILED,
            green()),
    DEPLOY_FINISHED(deploy(), null, Phase.FINISHED, 0, Outcome.SUCCEEDED, green()),
    /**
     * A deploy to a CodeDeploy deployment group ({@code CodeDeploySeed}), three polls into following the
     * deployment CodeDeploy runs (format 5 on).
     */
    DEPLOY_FOLLOW_MANAGED(deploy(), null, Phase.FOLLOW_MANAGED, 3, Outcome.SUCCEEDED, green());

    final DeploymentRequest request;
    /** The run that must have succeeded before this one, or null. */
    final DeploymentRequest before;
    final Phase phase;
    /** Steps made in {@link #phase} since the run entered it, when the state is saved. */
    final int steps;
    final Outcome outcome;
    final TrafficSplit finalSplit;

    SavedRun(DeploymentRequest request, DeploymentRequest before, Phase phase, int steps, Outcome outcome,
            TrafficSplit finalSplit) {
        this.request = request;
        this.before = before;
        this.phase = phase;
        this.steps = steps;
        this.outcome = outcome;
        this.finalSplit = finalSplit;
    }

    /** The fixture's file name, e.g. {@code deploy-wait-for-ready.json}. */
    String fileName() {
        return name().toLowerCase().replace('_', '-') + ".json";
    }

    /** Whether the run deploys through a CodeDeploy deployment group instead of the standard environment. */
    boolean codeDeploy() {
        return this == DEPLOY_FOLLOW_MANAGED;
    }

    /** The first state format that has this run's fixture: runs of kinds added later have none before. */
    String firstFormat() {
        return codeDeploy() ? "v5" : "v1";
    }

    /** Smoke check attempts that fail before one passes. */
    int smokeFailures() {
        return this == DEPLOY_SMOKE_CHECKS ? 1 : 0;
    }

    /** Shapes the fake AWS before any run: a slot that is to be scaled down must be seen to receive nothing. */
    void setUp(FakeAws aws) {
        if (this == ROLLBACK_WAIT_FOR_TARGET_READY) {
            aws.metrics().set("blue", "RequestCount", "Sum", 0);
        }
    }

    /** What happens in AWS, or to the run, before a step of the run. */
    void beforeStep(FakeAws aws, DeploymentState state, Abort abort) {
        if (this == DEPLOY_VERIFY_ROLLBACK && state.getPhase() == Phase.BAKE) {
            aws.alarm("web-5xx", "ALARM");
        }
        if (this == DEPLOY_CANARY_FALLBACK_VERIFY_ROLLBACK && state.getPhase() == Phase.ANALYSE_CANARY) {
            aws.slotUnhealthy(FakeAws.BLUE_TARGET_GROUP, true);
            abort.request(state, "erin", "wrong build");
        }
    }

    /** What happens to the run once it stopped, before its state is saved. */
    void atStop(DeploymentState state, Abort abort) {
        if (this == DEPLOY_BAKE_ABORTED) {
            abort.request(state, "bob", "customer complaints");
        }
    }

    /** Asks the engine to abort a run. */
    @FunctionalInterface
    interface Abort {
        void request(DeploymentState state, String who, String reason);
    }

    private static DeployRequest deploy() {
        return DeploymentRequest.deploy("v1.2.3", "alice");
    }

    private static DeployRequest canaryDeploy() {
        return deploy().withCanaryStages(List.of(10, 100), Duration.ofMinutes(2));
    }

    private static DeployRequest notPromoted() {
        return deploy().withPromote(false);
    }

    private static DeployRequest scaledDown() {
        return deploy().withTimings(null, null, Duration.ofMinutes(2));
    }

    private static DeploymentRequest rollback() {
        return DeploymentRequest.rollback(null, "frank", "customer complaints");
    }

    private static TrafficSplit green() {
        return TrafficSplit.allTo(Slot.GREEN);
    }

    private static TrafficSplit blue() {
        return TrafficSplit.allTo(Slot.BLUE);
    }
}
