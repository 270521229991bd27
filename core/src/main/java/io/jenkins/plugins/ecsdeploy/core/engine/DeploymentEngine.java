package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Advances deployments. Holds no state of its own: everything lives in {@link DeploymentState}, so any engine
 * built for the same environment can continue a saved state. Never sleeps: {@link #advance} does a short,
 * idempotent piece of work (AWS calls are read-then-write) and says when to be called again.
 *
 * <p>Failures are routed by one rule: before production traffic moved, the run stops and leaves traffic as it
 * was; after, it rolls traffic back and verifies the rollback; a failing rollback is retried with back-off and
 * then reported loudly as {@link Outcome#ROLLBACK_FAILED}.
 *
 * <p>A run holds the environment's deployment lock from preflight to its end (see
 * {@link io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock}). When another run holds it, or takes it, this run
 * stops at once without touching anything, not even to roll back: the environment is the other run's now.
 */
public final class DeploymentEngine {

    /** AWS failures tolerated while rolling back (after the SDK's own retries) before calling for a person. */
    static final int MAX_ROLLBACK_AWS_FAILURES = 5;

    private final EnvironmentConfig config;
    private final Ports.Factory ports;
    private final DeploymentListener listener;
    private final LockSteps lock;
    private final PreflightPhase preflight;
    private final RolloutPhases rollout = new RolloutPhases();
    private final SmokePhase smoke;
    private final CanaryPhases canary = new CanaryPhases();
    private final SwitchPhases switching = new SwitchPhases();
    private final RollbackPhases rollback = new RollbackPhases();

    public DeploymentEngine(EnvironmentConfig config, EnvironmentResolver resolver, Ports.Factory ports,
            SmokeChecker smoke, DeploymentListener listener, LockSettings lock) {
        this.config = Objects.requireNonNull(config, "config");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.listener = listener == null ? DeploymentListener.NONE : listener;
        this.lock = new LockSteps(Objects.requireNonNull(lock, "lock"));
        this.preflight = new PreflightPhase(Objects.requireNonNull(resolver, "resolver"), this.lock);
        this.smoke = new SmokePhase(Objects.requireNonNull(smoke, "smoke"));
    }

    /**
     * Checks the request and creates the state of a new run. Calls no AWS API.
     *
     * @throws IllegalArgumentException naming the bad field and what would be valid
     */
    public DeploymentState start(DeploymentRequest request, String id, Instant now) {
        RequestValidator.requireValid(request);
        DeploymentState s = new DeploymentState();
        s.request = request;
        s.phaseEnteredAt = now;
        s.record.id = Objects.requireNonNull(id, "id");
        s.record.operation = request.operation();
        s.record.environment = config.name();
        s.record.startedBy = request.startedBy();
        s.record.startedAt = now;
        Transition created = new Transition(now, null, Phase.PREFLIGHT, describe(request));
        s.record.transitions.add(created);
        listener.onTransition(s, created);
        return s;
    }

    /**
     * Does the next short piece of work and returns when to call again, or null when the run has finished (then
     * {@code state.getRecord().getOutcome()} says how). Safe to call again with a saved state after a crash.
     */
    public Instant advance(DeploymentState state, Instant now) {
        if (state.isFinished()) {
            return null;
        }
        StepContext ctx = new StepContext(state, now, config, ports, listener);
        try {
            lock.renew(ctx);
            if (state.abortReason != null && !isRollingBack(state.phase)) {
                return abort(ctx);
            }
            Instant next = step(ctx);
            state.awsFailures = 0;
            return next;
        } catch (TrafficChangedOutside e) {
            return ctx.finish(Outcome.FAILED, e.getMessage());
        } catch (LockHeldException e) {
            return lockedOut(ctx, e);
        } catch (RuntimeException e) {
            return onFailure(ctx, e);
        }
    }

    /** Asks the run to stop: the next {@link #advance} rolls traffic back if it had moved, skipping all else. */
    public void requestAbort(DeploymentState state, String who, String reason) {
        if (state.isFinished() || state.abortReason != null) {
            return;
        }
        state.abortedBy = who;
        state.abortReason = reason == null || reason.isBlank() ? "no reason given" : reason;
        state.record.abortedBy = who;
    }

    private Instant step(StepContext ctx) {
        return switch (ctx.state.phase) {
            case PREFLIGHT -> preflight.run(ctx);
            case CONFIRM_LOCK -> preflight.confirmAndPlan(ctx);
            case REGISTER_TASK_DEFINITION -> rollout.registerTaskDefinition(ctx);
            case UPDATE_IDLE_SERVICE -> rollout.updateIdleService(ctx);
            case WAIT_FOR_READY -> rollout.waitForReady(ctx);
            case POINT_TEST_TRAFFIC -> rollout.pointTestTraffic(ctx);
            case SMOKE_CHECKS -> smoke.run(ctx);
            case SHIFT_CANARY -> canary.shift(ctx);
            case VERIFY_CANARY_SHIFT -> canary.verifyShift(ctx);
            case ANALYSE_CANARY -> canary.analyse(ctx);
            case SWITCH_TRAFFIC -> switching.switchTraffic(ctx);
            case VERIFY_SWITCH -> switching.verifySwitch(ctx);
            case BAKE -> switching.bake(ctx);
            case SCALE_DOWN_OLD -> switching.scaleDownOld(ctx);
            case SCALE_UP_TARGET -> rollout.scaleUpTarget(ctx);
            case WAIT_FOR_TARGET_READY -> rollout.waitForTargetReady(ctx);
            case ROLL_BACK -> rollback.rollBack(ctx);
            case VERIFY_ROLLBACK -> rollback.verifyRollback(ctx);
            case FINISHED -> null;
        };
    }

    private Instant abort(StepContext ctx) {
        DeploymentState s = ctx.state;
        String why = "Aborted by " + (s.abortedBy == null ? "a user" : s.abortedBy) + ": " + s.abortReason + ".";
        if (s.trafficMoved) {
            s.failureReason = why;
            return ctx.moveTo(Phase.ROLL_BACK, why + " Skipping all remaining stages and analysis.");
        }
        return ctx.finish(Outcome.FAILED, why + " Production traffic was not changed.");
    }

    /** Another run holds the lock: stop without any write, and say where traffic was left. */
    private Instant lockedOut(StepContext ctx, LockHeldException e) {
        DeploymentState s = ctx.state;
        s.lockConflict = e.holder();
        if (s.phase == Phase.SCALE_DOWN_OLD) {
            // Like any failure of the scale-down: the deployment is live and baked; only the clean-up is left.
            return ctx.finish(Outcome.SUCCEEDED, s.targetSlot + " is live with " + s.record.toImage + ", but "
                    + s.stableSlot + " was NOT scaled down: " + e.getMessage());
        }
        if (!s.trafficMoved) {
            return ctx.finish(Outcome.FAILED, e.getMessage() + " Production traffic was not changed.");
        }
        Outcome outcome = isRollingBack(s.phase) ? Outcome.ROLLBACK_FAILED : Outcome.FAILED;
        return ctx.finish(outcome, (s.failureReason == null ? "" : s.failureReason + " ") + e.getMessage()
                + " Traffic was left as this run last set it (" + s.splitWanted + "); check it with the lock's"
                + " holder.");
    }

    private Instant onFailure(StepContext ctx, RuntimeException e) {
        DeploymentState s = ctx.state;
        String why = FailureMessages.of(e);
        if (isRollingBack(s.phase)) {
            boolean retryable = e instanceof AwsFailure aws && !aws.isAccessDenied();
            if (retryable && ++s.awsFailures <= MAX_ROLLBACK_AWS_FAILURES) {
                Duration wait = Duration.ofSeconds(1L << Math.min(s.awsFailures, 5));
                ctx.progress("Rollback call failed (" + why + "); trying again in " + wait.toSeconds() + " s");
                return ctx.now.plus(wait);
            }
            String traffic = s.splitWanted == null ? "This run had not moved traffic yet"
                    : "Traffic was last asked to be " + s.splitWanted;
            return ctx.finish(Outcome.ROLLBACK_FAILED, (s.failureReason == null ? "" : s.failureReason + " ")
                    + "THE ROLLBACK FAILED: " + why + " " + traffic
                    + "; check the listener and move traffic to a healthy slot now.");
        }
        if (s.phase == Phase.SCALE_DOWN_OLD) {
            return ctx.finish(Outcome.SUCCEEDED, s.targetSlot + " is live with " + s.record.toImage + ", but "
                    + s.stableSlot + " could not be scaled down: " + why);
        }
        if (s.trafficMoved) {
            s.failureReason = why;
            return ctx.moveTo(Phase.ROLL_BACK, why + " Rolling back.");
        }
        String left = s.request.operation() == Operation.DEPLOY && s.newTaskDefinitionArn != null
                ? " " + s.targetSlot + " is left as it is for inspection." : "";
        return ctx.finish(Outcome.FAILED, why + " Production traffic was not changed." + left);
    }

    private static boolean isRollingBack(Phase phase) {
        return phase == Phase.ROLL_BACK || phase == Phase.VERIFY_ROLLBACK;
    }

    private static String describe(DeploymentRequest r) {
        return switch (r.operation()) {
            case DEPLOY -> "deploy " + r.imageTag() + (r.promote() ? "" : " (no promotion)")
                    + (r.canaryStages().isEmpty() ? "" : " with canary stages " + r.canaryStages());
            case CANARY -> "canary stages " + r.canaryStages();
            case SWITCH -> "switch traffic to " + (r.weights() != null ? r.weights() : r.slot());
            case ROLLBACK -> "rollback" + (r.slot() != null ? " to " + r.slot() : "")
                    + (r.reason() != null ? ": " + r.reason() : "");
        } + (r.startedBy() != null ? ", started by " + r.startedBy() : "");
    }
}
