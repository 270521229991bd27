package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import java.util.Optional;

/**
 * A person's rollback goes first: it moves traffic without waiting for the deployment lock, then tells the run that
 * holds the lock, which stops at its next step without touching traffic and releases its lock. Both sides are here:
 * the rollback's note after its traffic is verified, and the held run's check when it sees traffic it did not set.
 */
final class Preemption {

    private Preemption() {
    }

    /**
     * After a preemptive rollback's traffic is verified: if another run holds the lock, leaves it a note naming this
     * rollback. Returns a sentence for the outcome (empty when no run held the lock). Never throws: traffic is back,
     * which is what counts; a failed note only makes the held run stop a little later, on the traffic change alone.
     */
    static String notifyHolder(StepContext ctx) {
        DeploymentState s = ctx.state;
        try {
            Optional<LockHolder> held = ctx.aws().lock().current();
            if (held.isEmpty() || held.get().isExpired(ctx.now)) {
                return "";
            }
            String reason = s.request instanceof RollbackRequest r ? r.reason() : null;
            ctx.aws().lock().markPreempted(held.get(), s.record.id, s.record.startedBy, reason, ctx.now);
            return " It pre-empted " + held.get().describe() + ", which stops at its next step without touching"
                    + " traffic and releases its lock; if that run is dead, break its lock with `ecs-deploy unlock`.";
        } catch (RuntimeException e) {
            return " Could not tell the run holding the deployment lock (" + FailureMessages.of(e) + "); it stops"
                    + " when it sees the traffic change.";
        }
    }
}
