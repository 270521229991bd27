package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotKind;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import java.time.Instant;
import java.util.Objects;

/**
 * Advances deployments. Holds no state of its own: everything lives in {@link DeploymentState}, so any engine
 * built for the same environment can continue a saved state. Never sleeps: {@link #advance} does a short,
 * idempotent piece of work (AWS calls are read-then-write) and says when to be called again.
 *
 * <p>Each phase's handler decides the next move ({@link Next}); failures are routed by {@link FailureRoutes}; the
 * {@link StateMachine} applies the move, refusing any that {@link PhaseGraph} lacks.
 *
 * <p>A run holds the environment's deployment lock from preflight to its end (see
 * {@link io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock}).
 */
public final class DeploymentEngine {

    private final EnvironmentConfig config;
    private final Ports.Factory ports;
    private final DeploymentListener listener;
    private final LockSteps lock;
    private final StateMachine machine;
    private final PreflightPhase preflight;
    private final RolloutPhases rollout = new RolloutPhases();
    private final SmokePhase smoke;
    private final CanaryPhases canary = new CanaryPhases();
    private final SwitchPhases switching = new SwitchPhases();
    private final RollbackPhases rollback;
    private final ManagedPhases managed = new ManagedPhases();
    private final ManagedRollbackPhases managedRollback = new ManagedRollbackPhases();

    public DeploymentEngine(EnvironmentConfig config, EnvironmentResolver resolver, Ports.Factory ports,
            SmokeChecker smoke, DeploymentListener listener, LockSettings lock) {
        this.config = Objects.requireNonNull(config, "config");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.listener = listener == null ? DeploymentListener.NONE : listener;
        this.lock = new LockSteps(Objects.requireNonNull(lock, "lock"));
        this.machine = new StateMachine(this.lock);
        this.rollback = new RollbackPhases(this.lock);
        this.preflight = new PreflightPhase(Objects.requireNonNull(resolver, "resolver"), this.lock);
        this.smoke = new SmokePhase(Objects.requireNonNull(smoke, "smoke"));
    }

    /**
     * Checks the request and creates the state of a new run. Calls no AWS API.
     *
     * @throws IllegalArgumentException naming the bad field and what would be valid
     */
    public DeploymentState start(DeploymentRequest request, String id, Instant now) {
        if (request == null) {
            throw new IllegalArgumentException("operation: say what to do (deploy, canary, switch or rollback).");
        }
        request.requireValid();
        if (request.operation() == Operation.DEPLOY && config.slotKind() == SlotKind.NONE) {
            throw new IllegalArgumentException("Environment " + config.name() + " has slots of kind none: there is"
                    + " nothing to deploy to. Use switch, canary or rollback to move traffic, or give the slots a"
                    + " kind that runs something (appRunner).");
        }
        if (config.managedByAws() && (request.operation() == Operation.CANARY
                || request instanceof io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest d
                && d.canary() != null)) {
            throw new IllegalArgumentException("Environment " + config.name() + " is deployed by AWS ("
                    + config.managedKind() + "), which shifts traffic by its own deployment config: canary stages"
                    + " cannot be given here. Choose a canary or linear deployment config instead (e.g."
                    + " CodeDeployDefault.ECSCanary10Percent5Minutes); the metric analysis runs while it holds a"
                    + " share.");
        }
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
     * Like {@link #start(DeploymentRequest, String, Instant)}, but the new run reuses the names (ARNs) that an
     * earlier run of this environment resolved, kept in its state, instead of looking them up again: what lets an
     * operator's rollback reach AWS with nothing but the calls that move traffic. Names that no longer exist make
     * the first call fail before any write; the run then says so, and a run without {@code previous} resolves
     * afresh.
     *
     * @param previous a state of an earlier run of this environment (finished or not), or null to resolve afresh
     * @throws IllegalArgumentException when {@code previous} belongs to another environment
     */
    public DeploymentState start(DeploymentRequest request, String id, Instant now, DeploymentState previous) {
        DeploymentState s = start(request, id, now);
        if (previous != null && previous.resolved != null) {
            if (!config.name().equals(previous.record.environment)) {
                throw new IllegalArgumentException("The earlier run " + previous.getId() + " belongs to environment '"
                        + previous.record.environment + "', not '" + config.name() + "'.");
            }
            s.resolved = previous.resolved;
            s.recordedImages = previous.record.imagesBySlot();
            KnownImages.carryOver(previous, s);
            if (request.operation() == Operation.ROLLBACK && previous.plan != null) {
                s.likelyRollbackSlot = previous.plan.stableSlot;
                if (previous.request.operation() == Operation.DEPLOY) {
                    // Where AWS runs deployments and the original task set is gone, a rollback deploys this anew.
                    s.managed.taskDefinitionArn = previous.plan.sourceTaskDefinitionArn;
                }
            }
        }
        return s;
    }

    /**
     * Makes a run just started act under a deployment lock that an enclosing scope already holds (a Pipeline block
     * around several steps): the run reads the lock once before its first write, without the settle delay, renews
     * it as it goes, and leaves it held when it ends. Take {@link DeploymentState#getLock()} afterwards as the
     * scope's lock: the run may have renewed it. Use {@link ScopeLock} to take, renew and release such a lock.
     *
     * @param held the lock as the scope holds it
     * @throws IllegalStateException when the run has already been advanced
     */
    public void useScopeLock(DeploymentState state, LockHolder held) {
        if (state.phase != Phase.PREFLIGHT || state.lock != null || state.record.transitions.size() > 1) {
            throw new IllegalStateException("Run " + state.getId() + " has started already: give it the scope's lock"
                    + " before its first advance.");
        }
        state.lock = Objects.requireNonNull(held, "held");
        state.lockFromScope = true;
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
        Next next;
        try {
            lock.renew(ctx);
            if (state.abort != null && !FailureRoutes.isRollingBack(state.phase)) {
                next = FailureRoutes.abort(ctx);
            } else {
                next = step(ctx);
                state.rollback.awsFailures = 0;
            }
        } catch (TrafficChangedOutside e) {
            next = Next.finish(Outcome.FAILED, e.getMessage());
        } catch (LockHeldException e) {
            next = FailureRoutes.lockedOut(ctx, e);
        } catch (RuntimeException e) {
            next = FailureRoutes.failed(ctx, e);
        }
        return machine.apply(ctx, next);
    }

    /** Asks the run to stop: the next {@link #advance} rolls traffic back if it had moved, skipping all else. */
    public void requestAbort(DeploymentState state, String who, String reason) {
        if (state.isFinished() || state.abort != null) {
            return;
        }
        state.abort = new AbortRequest(who, reason == null || reason.isBlank() ? "no reason given" : reason);
        state.record.abortedBy = who;
    }

    private Next step(StepContext ctx) {
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
            case SCALE_UP_TARGET -> rollback.scaleUpTarget(ctx);
            case WAIT_FOR_TARGET_READY -> rollback.waitForTargetReady(ctx);
            case START_MANAGED -> managed.start(ctx);
            case FOLLOW_MANAGED -> managed.follow(ctx);
            case STOP_MANAGED -> managedRollback.stop(ctx);
            case FOLLOW_MANAGED_ROLLBACK -> managedRollback.followRollback(ctx);
            case ROLL_BACK -> rollback.rollBack(ctx);
            case VERIFY_ROLLBACK -> rollback.verifyRollback(ctx);
            case FINISHED -> throw new IllegalStateException("A finished run has no step.");
        };
    }

    private static String describe(DeploymentRequest r) {
        return r.describe() + (r.startedBy() != null ? ", started by " + r.startedBy() : "");
    }
}
