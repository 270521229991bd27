package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.util.Optional;

/**
 * Whether a slot is ready for traffic, for the phases that wait for one: the new slot of a deploy, and the target
 * of a rollback. A slot is ready when its service runs the expected revision in one finished deployment with every
 * desired task running, and every registered target is healthy.
 */
final class Readiness {

    private Readiness() {
    }

    /**
     * Polls again, or fails once the phase's deadline has passed.
     *
     * @param why what is not ready yet, for the log and the failure
     */
    static Next waitOrFail(StepContext ctx, String why) {
        DeploymentState s = ctx.state;
        if (!ctx.now.isBefore(s.wait.deadline)) {
            throw new DeploymentFailure(s.plan.targetSlot + " was not ready within "
                    + ctx.readinessTimeout().toSeconds() + " s: " + why + ".");
        }
        ctx.progress("Waiting for " + s.plan.targetSlot + ": " + why);
        return Next.pollAt(ctx.nextPoll());
    }

    /**
     * Why the slot is not ready yet, or empty when it is.
     *
     * @param taskDefinitionArn the revision the service must run, or null for any
     */
    static Optional<String> notReady(StepContext ctx, Slot slot, String taskDefinitionArn) {
        ServiceSnapshot svc = ctx.aws().services().describe(slot);
        if ("FAILED".equals(svc.rolloutState())) {
            throw new DeploymentFailure("ECS reports the rollout of " + svc.serviceName() + " FAILED: "
                    + svc.rolloutStateReason());
        }
        if (taskDefinitionArn != null && !taskDefinitionArn.equals(svc.taskDefinitionArn())) {
            return Optional.of(svc.serviceName() + " still runs " + svc.taskDefinitionArn());
        }
        if (!svc.isSteady()) {
            return Optional.of(svc.runningCount() + "/" + svc.desiredCount() + " tasks running, "
                    + svc.pendingCount() + " pending, rollout " + svc.rolloutState());
        }
        // A slot with no task is never ready, even when a lagging read still shows the service at zero tasks.
        int needed = Math.max(1, svc.desiredCount());
        TargetHealthSummary health = ctx.aws().health().targetHealth(slot);
        if (!health.allHealthy(needed)) {
            return Optional.of(health.healthy() + "/" + health.total() + " targets healthy (need " + needed + ")");
        }
        return Optional.empty();
    }
}
