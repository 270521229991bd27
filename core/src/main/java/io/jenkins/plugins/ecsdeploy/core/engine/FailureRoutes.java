package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import java.time.Duration;

/**
 * Where a run goes when a step did not end as its phase planned, by one rule: before production traffic moved, the
 * run stops and leaves traffic as it was; after, it rolls traffic back and verifies the rollback; a failing rollback
 * is retried with back-off and then reported loudly as {@link Outcome#ROLLBACK_FAILED}. A lost lock stops the run
 * without any write, not even to roll back: the environment is the other run's now.
 */
final class FailureRoutes {

    /** AWS failures tolerated while rolling back (after the SDK's own retries) before calling for a person. */
    static final int MAX_ROLLBACK_AWS_FAILURES = 5;

    private FailureRoutes() {
    }

    /** Someone asked the run to stop: roll back if traffic moved, else end with traffic untouched. */
    static Next abort(StepContext ctx) {
        DeploymentState s = ctx.state;
        String why = "Aborted by " + (s.abort.by() == null ? "a user" : s.abort.by()) + ": " + s.abort.reason() + ".";
        if (s.managed.started() && !s.managed.stopAsked) {
            s.rollback.failureReason = why;
            return Next.goTo(Phase.STOP_MANAGED, why + " Stopping the deployment with rollback.");
        }
        if (s.traffic.moved) {
            s.rollback.failureReason = why;
            return Next.goTo(Phase.ROLL_BACK, why + " Skipping all remaining stages and analysis.");
        }
        return Next.finish(Outcome.FAILED, why + " Production traffic was not changed.");
    }

    /** Another run holds the lock: stop without any write, and say where traffic was left. */
    static Next lockedOut(StepContext ctx, LockHeldException e) {
        DeploymentState s = ctx.state;
        s.lockConflict = e.holder();
        if (s.phase == Phase.SCALE_DOWN_OLD) {
            // Like any failure of the scale-down: the deployment is live and baked; only the clean-up is left.
            return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " is live with " + s.record.toImage + ", but "
                    + s.plan.stableSlot + " was NOT scaled down: " + e.getMessage());
        }
        if (!s.traffic.moved) {
            return Next.finish(Outcome.FAILED, e.getMessage() + " Production traffic was not changed.");
        }
        Outcome outcome = isRollingBack(s.phase) ? Outcome.ROLLBACK_FAILED : Outcome.FAILED;
        return Next.finish(outcome, s.rollback.reasonPrefix() + e.getMessage()
                + " Traffic was left as this run last set it (" + s.traffic.wanted + "); check it with the lock's"
                + " holder.");
    }

    /** A step failed: stop, roll back, retry the rollback, or give up on it, by where the run is. */
    static Next failed(StepContext ctx, RuntimeException e) {
        DeploymentState s = ctx.state;
        String why = FailureMessages.of(e);
        if (isRollingBack(s.phase)) {
            boolean retryable = e instanceof AwsFailure aws && !aws.isAccessDenied();
            if (retryable && ++s.rollback.awsFailures <= MAX_ROLLBACK_AWS_FAILURES) {
                Duration wait = Duration.ofSeconds(1L << Math.min(s.rollback.awsFailures, 5));
                ctx.progress("Rollback call failed (" + why + "); trying again in " + wait.toSeconds() + " s");
                return Next.pollAt(ctx.now.plus(wait));
            }
            String traffic = s.traffic.wanted == null ? "This run had not moved traffic yet"
                    : "Traffic was last asked to be " + s.traffic.wanted;
            if (s.managed.started()) {
                // AWS may go on shifting traffic by itself: stopping the deployment comes before anything else.
                // The start may have been asked and its reply lost: the deployment is then found by its description.
                String which = s.managed.deploymentId != null ? "Deployment " + s.managed.deploymentId + " of "
                        + ctx.aws().managed().describe() : "A deployment of " + ctx.aws().managed().describe()
                        + " that this run may have started (run " + s.getId() + ")";
                return Next.finish(Outcome.ROLLBACK_FAILED, s.rollback.reasonPrefix() + "THE ROLLBACK FAILED: " + why
                        + " " + which + " may still be under way and move traffic by itself: stop it with rollback"
                        + " now (ecs-deploy rollback, or in the AWS console), then check "
                        + ctx.aws().router().readsFrom() + ".");
            }
            return Next.finish(Outcome.ROLLBACK_FAILED, s.rollback.reasonPrefix() + "THE ROLLBACK FAILED: " + why + " "
                    + traffic + "; check " + ctx.aws().router().readsFrom() + " and move traffic to a healthy slot now.");
        }
        if (s.phase == Phase.SCALE_DOWN_OLD) {
            return Next.finish(Outcome.SUCCEEDED, s.plan.targetSlot + " is live with " + s.record.toImage + ", but "
                    + s.plan.stableSlot + " could not be scaled down: " + why);
        }
        if (s.managed.started() && !s.managed.stopAsked) {
            // AWS runs the deployment: AWS rolls it back, and the engine verifies it on the listener.
            s.rollback.failureReason = why;
            return Next.goTo(Phase.STOP_MANAGED, why + " Stopping the deployment with rollback.");
        }
        if (s.traffic.moved && s.request.operation() == Operation.ROLLBACK) {
            // The rollback's own write failed or its reply was lost: write it again, in the careful phase.
            return Next.goTo(Phase.ROLL_BACK, why + " Writing the rollback again.");
        }
        if (s.traffic.moved) {
            s.rollback.failureReason = why;
            return Next.goTo(Phase.ROLL_BACK, why + " Rolling back.");
        }
        String left = s.request.operation() == Operation.DEPLOY && s.rollout.newTaskDefinitionArn != null
                ? " " + s.plan.targetSlot + " is left as it is for inspection." : "";
        return Next.finish(Outcome.FAILED, why + " Production traffic was not changed." + left);
    }

    static boolean isRollingBack(Phase phase) {
        return phase == Phase.ROLL_BACK || phase == Phase.VERIFY_ROLLBACK || phase == Phase.STOP_MANAGED
                || phase == Phase.FOLLOW_MANAGED_ROLLBACK;
    }
}
