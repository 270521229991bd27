package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedRollout;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedStatus;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How each operation begins in an environment whose deployments AWS runs ({@link ManagedRollout}): a deploy is
 * refused while another deployment is under way; a switch continues the deployment under way (approves it at its
 * ready point, or ends its termination wait); a rollback stops it with rollback, or, once all traffic moved, takes
 * the emergency listener path, or deploys the previous revision anew when the original task set is gone.
 */
final class ManagedEntry {

    private ManagedEntry() {
    }

    /** Before a deploy takes the lock: refuses while the group has a deployment that has not ended. */
    static void requireIdle(StepContext ctx) {
        ManagedRollout managed = ctx.aws().managed();
        Optional<String> running = managed.inProgress();
        if (running.isEmpty()) {
            return;
        }
        ManagedProgress p = managed.progress(running.get());
        String advice = switch (p.status()) {
            case WAITING_FOR_APPROVAL -> "It waits at its ready point: continue it with a switch (trafficSwitch,"
                    + " ecs-deploy switch) or stop it with a rollback, then deploy.";
            case TRAFFIC_MOVED -> "All its traffic has moved and it waits to remove the original task set: end the"
                    + " wait with a switch, or wait for it, then deploy.";
            default -> "Wait for it to end (aws deploy wait deployment-successful --deployment-id " + p.id()
                    + "), or stop it with a rollback (ecs-deploy rollback), then deploy.";
        };
        throw new DeploymentFailure(managed.describe() + " already has deployment " + p.id() + " under way ("
                + p.status() + (p.stage() == null ? "" : ", " + p.stage()) + "). " + advice);
    }

    /**
     * Before a deploy without promotion takes the lock: refuses it where the deployment would not stop before
     * production traffic moves, which is the opposite of what was asked.
     */
    static void requireApprovalPoint(StepContext ctx) {
        if (ctx.state.request instanceof DeployRequest d && !d.promote() && !ctx.aws().managed().hasApprovalPoint()) {
            throw new DeploymentFailure("promote: false needs " + ctx.aws().managed().describe() + " to wait at its"
                    + " ready point before production traffic moves, and it does not: it would shift production"
                    + " traffic at once. Make it wait for a person (CodeDeploy: deployment ready option"
                    + " STOP_DEPLOYMENT, \"specify when to reroute traffic\"), or deploy with promote: true.");
        }
    }

    /** A switch, once the lock is confirmed: continues the deployment under way and follows it. */
    static Next continueDeployment(StepContext ctx) {
        DeploymentState s = ctx.state;
        ManagedRollout managed = ctx.aws().managed();
        String id = managed.inProgress().orElseThrow(() -> new DeploymentFailure(managed.describe() + " has no"
                + " deployment under way to continue. On this environment a switch continues a deployment that"
                + " waits at its ready point (deploy with promote: false) or in its termination wait; deploy first."));
        ManagedProgress p = managed.progress(id);
        Slot original = originalSlot(s, p);
        TrafficSplit wanted = ((SwitchRequest) s.request).weights();
        if (!wanted.equals(TrafficSplit.allTo(original.other()))) {
            throw new DeploymentFailure("weights: " + managed.describe() + " shifts traffic by its deployment"
                    + " config, so a switch here can only send all traffic to the new task set's slot ("
                    + original.other() + "), not " + wanted + ". Switch to " + original.other() + ", or roll back.");
        }
        if (p.status().isGoingBack() || p.status() == ManagedStatus.SUCCEEDED) {
            throw new DeploymentFailure("Deployment " + id + " is " + p.status() + ": there is nothing to continue.");
        }
        // Before the plan names the deployment as this run's: a refusal must leave it waiting, not stopped.
        requireExpectedRevision(ctx, id, original.other());
        plan(s, id, original, original.other());
        String did = "following it";
        if (p.status() == ManagedStatus.WAITING_FOR_APPROVAL) {
            managed.approve(id);
            s.managed.approved = true;
            did = "it was waiting at its ready point; asked it to shift production traffic to " + original.other();
        } else if (p.status() == ManagedStatus.TRAFFIC_MOVED) {
            managed.finishEarly(id);
            s.managed.finishedEarly = true;
            did = "all traffic had moved; asked it to end its termination wait and remove the original task set";
        }
        return Next.goTo(Phase.FOLLOW_MANAGED, "continuing deployment " + id + " of " + managed.describe() + ": "
                + did).thenAt(ctx.nextPoll());
    }

    /**
     * A switch tied to one version ({@code expectedImage}, as a deployment block passes it) continues only the
     * deployment of that version: the revision it deploys is read from AWS and its image compared before anything
     * is asked of it. Without an expected image nothing is read, as on any switch.
     */
    private static void requireExpectedRevision(StepContext ctx, String id, Slot newSlot) {
        String expected = ((SwitchRequest) ctx.state.request).expectedImage();
        if (expected == null) {
            return;
        }
        ManagedRollout managed = ctx.aws().managed();
        String revision = managed.deployedTaskDefinition(id).orElseThrow(() -> new DeploymentFailure(
                "expectedImage: deployment " + id + " of " + managed.describe() + " does not say which task"
                        + " definition it deploys (its revision is not an AppSpec given as content), so it cannot be"
                        + " tied to " + expected + ". Nothing was changed. Check its revision in the console, then"
                        + " continue it without expectedImage, or roll it back."));
        ctx.state.record.toImage = KnownImages.imageOf(ctx, revision);
        ExpectedImageCheck.require(expected, newSlot, ctx.state.record.toImage,
                "the new task set's slot, deployment " + id + " deploys " + revision);
    }

    /**
     * A person's rollback. While a deployment is under way and traffic has not all moved, AWS's own stop with
     * rollback is the safe path (it removes the new task set too). Otherwise the listener rollback of any other
     * environment ({@code listenerRollback}: one write, one verifying read) serves, followed by a stop while the
     * deployment still waits to remove the original.
     */
    static Next rollback(StepContext ctx, Supplier<Next> listenerRollback) {
        DeploymentState s = ctx.state;
        ManagedRollout managed = ctx.aws().managed();
        Optional<String> running = managed.inProgress();
        if (running.isEmpty()) {
            return listenerRollback.get();
        }
        s.managed.deploymentId = running.get();
        s.record.managedDeployment = running.get();
        ManagedProgress p = ManagedEvents.read(ctx);
        if (p.status() == ManagedStatus.TRAFFIC_MOVED) {
            return listenerRollback.get();
        }
        s.plan = new RunPlan(ctx.aws().router().currentSplit());
        Slot original = originalSlot(s, p);
        plan(s, running.get(), original, original);
        s.traffic.moved = !s.plan.splitBefore.equals(s.plan.rollbackSplit);
        return Next.goTo(Phase.STOP_MANAGED, "deployment " + p.id() + " is " + p.status() + " with "
                + s.plan.splitBefore + " on the listener; stopping it so that AWS puts all traffic back on "
                + original);
    }

    /**
     * A rollback whose destination has no healthy task (the original task set is gone): a new deployment of the
     * revision the previous deploy replaced.
     */
    static Next redeployPrevious(StepContext ctx, Slot destination) {
        DeploymentState s = ctx.state;
        if (s.managed.taskDefinitionArn == null) {
            throw new DeploymentFailure(destination + " has no healthy task: the original task set is gone, and this"
                    + " rollback knows no earlier revision to deploy again. Deploy the previous image"
                    + " (blueGreenDeploy imageTag: '<previous tag>', ecs-deploy deploy --image-tag <previous tag>).");
        }
        s.record.fromSlot = s.plan.stableSlot;
        s.record.toSlot = destination;
        return Next.goTo(Phase.START_MANAGED, destination + " has no healthy task (the original task set is gone);"
                + " deploying the previous revision " + s.managed.taskDefinitionArn + " anew");
    }

    /**
     * Plans a run on the deployment under way: {@code target} is the slot the run sends traffic to (the new task
     * set's for a switch, the original's for a rollback); a rollback always puts all traffic on the original.
     */
    private static void plan(DeploymentState s, String id, Slot original, Slot target) {
        s.managed.deploymentId = id;
        s.record.managedDeployment = id;
        s.plan.targetSlot = target;
        s.plan.stableSlot = target.other();
        s.plan.rollbackSplit = TrafficSplit.allTo(original);
        s.record.fromSlot = s.plan.stableSlot;
        s.record.toSlot = target;
    }

    /** The slot of the original task set: as AWS says, else the one serving all production traffic. */
    private static Slot originalSlot(DeploymentState s, ManagedProgress p) {
        if (p.original() != null) {
            return p.original();
        }
        return s.plan.splitBefore.soleSlot().orElseThrow(() -> new DeploymentFailure("Deployment " + p.id()
                + " does not say which task set is the original, and traffic is split (" + s.plan.splitBefore
                + "): check it in the CodeDeploy console."));
    }
}
