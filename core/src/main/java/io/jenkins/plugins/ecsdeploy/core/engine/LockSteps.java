package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.time.Instant;

/**
 * The run's side of the deployment lock: take it in preflight, confirm it after the settle delay before the first
 * write, renew it as steps go by, release it when the run ends. See {@link DeploymentLock} for the protocol and its
 * limits.
 */
final class LockSteps {

    private final LockSettings settings;

    LockSteps(LockSettings settings) {
        this.settings = settings;
    }

    /** Writes the run's claim on the lock; returns when to confirm it. */
    Instant acquire(StepContext ctx) {
        DeploymentState s = ctx.state;
        LockHolder wanted = LockHolder.forRun(s.record.id, s.record.startedBy, settings.where(), ctx.now,
                settings.ttl());
        s.lock = ctx.aws().lock().acquire(wanted, ctx.now);
        // Counted from the claim's write, not from the step's start: a claiming step slowed by retries must not
        // eat into the time a racing claim has to show.
        return ctx.nowAfterCalls().plus(settings.settle());
    }

    /**
     * A run under a lock its caller holds ({@code DeploymentEngine.useScopeLock}) reads it once, with no settle
     * delay: the caller confirmed it when it took it. Adopts the stored holder, whose expiry may be newer.
     *
     * @throws LockHeldException when the stored lock is not the
     *     caller's
     */
    void checkScopeLock(StepContext ctx) {
        DeploymentState s = ctx.state;
        java.util.Optional<LockHolder> held = ctx.aws().lock().current();
        if (held.isEmpty() || !held.get().sameDeployment(s.lock) || held.get().isExpired(ctx.now)) {
            throw new LockHeldException("The deployment lock of "
                    + s.lock.deploymentId() + ", under which this run was asked to act, is not held on "
                    + ctx.aws().lock().resource() + held.map(h -> ": it is held by " + h.describe()).orElse(
                    ": nobody holds it") + ". Nothing was changed; take the lock again before acting.",
                    held.orElse(null));
        }
        s.lock = held.get();
    }

    /**
     * For a run that takes no lock of its own (a switch: one write, no settle wait), its first call: no other run
     * holds the lock or has claimed it. One read. A run claiming the lock after this read acts only after its own
     * settle delay, and reads traffic again after it, so it normally sees this run's write, made in the same step a
     * few calls later. A write slowed past that delay (AWS retrying it) is caught by that run before it updates its
     * idle slot ({@code RolloutPhases}), and this run does not roll back under that run's lock ({@code
     * RollbackPhases}).
     *
     * @throws LockHeldException naming the run that holds it
     */
    void requireFree(StepContext ctx) {
        requireFree(ctx, "A switch does not act under another run's lock, and changed nothing.");
    }

    /** As {@link #requireFree(StepContext)}, the refusal ending with {@code why}. */
    void requireFree(StepContext ctx, String why) {
        java.util.Optional<LockHolder> held = ctx.aws().lock().current();
        if (held.isPresent() && !held.get().isExpired(ctx.now)) {
            throw new LockHeldException(LockHeldException.heldByAnother(ctx.aws().lock().resource(), held.get(),
                    why), held.get());
        }
    }

    /** Returns the time to come back when the settle delay is not over; null once the lock is confirmed ours. */
    Instant confirm(StepContext ctx) {
        if (ctx.state.lockFromScope) {
            return null;
        }
        Instant due = ctx.state.phaseEnteredAt.plus(settings.settle());
        if (ctx.now.isBefore(due)) {
            return due;
        }
        ctx.aws().lock().confirm(ctx.state.lock);
        ctx.progress("Deployment lock confirmed: " + ctx.aws().lock().resource() + " still names this run");
        return null;
    }

    /**
     * Renews the lock when half its time is gone. An AWS error is only a warning while the lock is still valid: a
     * tag write must not roll a deployment back.
     */
    void renew(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (s.lock == null || s.resolved == null) {
            // A scope's lock, given before preflight resolved where it lives, is checked in preflight.
            return;
        }
        try {
            s.lock = ctx.aws().lock().renew(s.lock, ctx.now, settings.ttl());
        } catch (AwsFailure e) {
            if (s.lock.isExpired(ctx.now)) {
                throw new DeploymentFailure("The deployment lock expired at " + s.lock.expires()
                        + " and could not be renewed: " + e.getMessage());
            }
            ctx.progress("Could not renew the deployment lock (" + e.getMessage() + "); it is valid until "
                    + s.lock.expires() + ", trying again at the next step");
        }
    }

    /**
     * Releases the lock if this run still holds it. Never throws: the run's outcome stands; the returned sentence
     * (empty when all went well) tells people about a lock left behind.
     */
    String release(StepContext ctx) {
        DeploymentState s = ctx.state;
        if (s.lock == null || s.lockFromScope) {
            // A lock taken by the caller's scope is the scope's to release.
            return "";
        }
        try {
            ctx.aws().lock().release(s.lock);
            return "";
        } catch (RuntimeException e) {
            return " The deployment lock could not be released (" + FailureMessages.of(e) + "); it lapses at "
                    + s.lock.expires() + ", or break it with `ecs-deploy unlock`.";
        }
    }
}
