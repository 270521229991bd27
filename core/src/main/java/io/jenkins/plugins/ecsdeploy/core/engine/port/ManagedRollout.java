package io.jenkins.plugins.ecsdeploy.core.engine.port;

import java.util.Optional;

/**
 * A deployment that AWS runs itself (a CodeDeploy deployment group, an ECS service's native blue/green strategy):
 * AWS creates the new task set and shifts traffic between the two slots' target groups; the engine starts it,
 * follows it, approves it at its approval point, ends its final wait early, and stops it with rollback. The engine
 * still reads the production split from the listener ({@link TrafficRouter}) to verify where traffic is.
 *
 * <p>Every method calls AWS; nothing is cached across calls except what is named below. Failures are
 * {@link AwsFailure}s naming the resource and the fix.
 */
public interface ManagedRollout {

    /** What runs the deployments, for messages: "CodeDeploy deployment group shop/shop-dg". */
    String describe();

    /**
     * The id of a deployment of this group or service that has not ended yet (in progress, waiting at its
     * approval point, or in its final wait), if any. A new deployment is refused while there is one.
     */
    Optional<String> inProgress();

    /**
     * Starts a deployment of the task definition revision and returns its id. Idempotent for one {@code runId}:
     * when a deployment this run started is still under way (its reply was lost), its id is returned and nothing
     * new is started.
     *
     * @param runId the engine's run id, recorded on the deployment (its description) so it can be found again
     */
    String start(String taskDefinitionArn, String runId);

    /**
     * Whether a deployment stops at an approval point before production traffic moves (CodeDeploy: the group waits
     * for traffic rerouting); a deploy without promotion needs one, or it would move production traffic. False
     * unless the adapter knows, so that a deploy without promotion is refused rather than promoted.
     */
    default boolean hasApprovalPoint() {
        return false;
    }

    /** Where the deployment is now, as AWS reports it: status, stage, the task sets' split, lifecycle events. */
    ManagedProgress progress(String deploymentId);

    /**
     * The task definition revision the deployment deploys (the new version), as AWS records it, or empty when AWS
     * does not say (a CodeDeploy revision kept in S3). Read only when a caller ties an operation to one version
     * ({@code expectedImage}): two reads at most.
     */
    Optional<String> deployedTaskDefinition(String deploymentId);

    /** Lets a deployment waiting at its approval point (CodeDeploy READY_WAIT) go on to shift traffic. */
    void approve(String deploymentId);

    /**
     * Ends the wait after all traffic moved (CodeDeploy TERMINATION_WAIT) now, so AWS removes the original task
     * set; does nothing where there is no such wait.
     */
    void finishEarly(String deploymentId);

    /**
     * Stops the deployment and has AWS roll it back: traffic returns to the original task set. Does nothing when
     * the deployment has already ended.
     */
    void stopAndRollBack(String deploymentId);
}
