package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedRollout;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedStatus;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;

/**
 * Stops a deployment that AWS runs and has AWS roll it back, then follows it until the original task set serves all
 * production traffic, verified on the listener. AWS's rollback is trusted for {@link #ROLLBACK_WINDOW}; after it,
 * or when AWS can no longer roll back, the engine writes the listener itself ({@code ROLL_BACK}).
 */
final class ManagedRollbackPhases {

    /** How long AWS's own rollback may take to put all traffic back before the engine writes the listener. */
    static final Duration ROLLBACK_WINDOW = Duration.ofMinutes(5);

    Next stop(StepContext ctx) {
        DeploymentState s = ctx.state;
        ManagedRollout managed = ctx.aws().managed();
        if (s.managed.deploymentId == null) {
            // Started under this run's lock, whose reply was lost: the group's deployment under way is this run's.
            s.managed.deploymentId = managed.inProgress().orElse(null);
            s.record.managedDeployment = s.managed.deploymentId;
            if (s.managed.deploymentId == null) {
                return Next.finish(Outcome.FAILED, s.rollback.reasonPrefix() + "No deployment was started by "
                        + managed.describe() + "; production traffic was not changed.");
            }
        }
        managed.stopAndRollBack(s.managed.deploymentId);
        s.managed.stopAsked = true;
        s.wait.deadline = ctx.now.plus(ROLLBACK_WINDOW);
        return Next.goTo(Phase.FOLLOW_MANAGED_ROLLBACK, "asked " + managed.describe() + " to stop deployment "
                + s.managed.deploymentId + " and roll it back").thenAt(ctx.now.plus(StepContext.READ_BACK_POLL));
    }

    Next followRollback(StepContext ctx) {
        DeploymentState s = ctx.state;
        TrafficSplit back = s.plan.rollbackSplit;
        String original = back.soleSlot().map(Object::toString).orElse(back.toString());
        // The listener is the proof; the deployment's own status only adds to the message.
        TrafficSplit actual = ctx.aws().router().currentSplit();
        s.traffic.wanted = back;
        if (actual.equals(back)) {
            String id = s.managed.deploymentId;
            String aws;
            try {
                ManagedProgress p = ManagedEvents.read(ctx);
                aws = p.status().isOver() ? "" : " " + ctx.aws().managed().describe() + " is still removing the"
                        + " new task set (" + p.status() + ").";
            } catch (RuntimeException e) {
                aws = " The deployment's status could not be read (" + FailureMessages.of(e) + ").";
            }
            if (s.rollback.failureReason == null) {
                return Next.finish(Outcome.SUCCEEDED, "All traffic is back on " + original + " (deployment "
                        + id + " stopped and rolled back), " + ctx.verified() + "." + aws);
            }
            if (!s.traffic.moved) {
                return Next.finish(Outcome.FAILED, s.rollback.failureReason + " Deployment " + id + " was stopped"
                        + " before production traffic moved; all traffic is on " + original + ", "
                        + ctx.verified() + "." + aws);
            }
            return Next.finish(Outcome.ROLLED_BACK, s.rollback.reasonPrefix() + "Deployment " + id + " was"
                    + " stopped and rolled back; all traffic is back on " + original + ", " + ctx.verified()
                    + "." + aws);
        }
        s.traffic.moved = true;
        ManagedProgress p = ManagedEvents.read(ctx);
        if (p.status() == ManagedStatus.SUCCEEDED
                || !ctx.now.isBefore(s.wait.deadline)) {
            String why = p.status().isOver() ? "deployment " + p.id() + " ended " + p.status() + " with " + actual
                    + " on the listener" : "AWS has not put traffic back within " + ROLLBACK_WINDOW.toMinutes()
                    + " min (" + actual + " on the listener)";
            return Next.goTo(Phase.ROLL_BACK, why + "; writing the listener to put all traffic on "
                    + original);
        }
        ctx.progress("Deployment " + p.id() + " is " + p.status() + "; the listener shows " + actual
                + ", waiting for " + back);
        return Next.pollAt(ctx.now.plus(StepContext.READ_BACK_POLL.multipliedBy(5)));
    }
}
