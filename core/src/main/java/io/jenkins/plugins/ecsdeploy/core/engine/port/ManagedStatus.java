package io.jenkins.plugins.ecsdeploy.core.engine.port;

/** Where a deployment run by AWS is, in the engine's terms; each adapter maps its service's statuses to these. */
public enum ManagedStatus {
    /** Starting: new tasks being placed, hooks running; production traffic not moved yet. */
    IN_PROGRESS,
    /** The replacement serves test traffic and waits for {@link ManagedRollout#approve} (CodeDeploy READY_WAIT). */
    WAITING_FOR_APPROVAL,
    /** Production traffic is being shifted to the replacement; it may hold a share for a while (canary, linear). */
    SHIFTING,
    /**
     * All production traffic is on the replacement and the original task set still runs until the final wait ends
     * (CodeDeploy TERMINATION_WAIT): a rollback may still move traffic back at once.
     */
    TRAFFIC_MOVED,
    /** Ended: the replacement serves all traffic and the original is gone. */
    SUCCEEDED,
    /** Stopped or failed; AWS is putting traffic back on the original. */
    ROLLING_BACK,
    /** Ended: AWS put traffic back on the original (after a stop with rollback, an alarm, a failed hook). */
    ROLLED_BACK,
    /** Ended in failure without a rollback of its own. */
    FAILED,
    /** Ended: stopped without a rollback. */
    STOPPED;

    /** Whether the deployment has ended; AWS will change nothing more. */
    public boolean isOver() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == FAILED || this == STOPPED;
    }

    /** Whether AWS is going back, or went back, to the original: the deployment no longer goes forward. */
    public boolean isGoingBack() {
        return this == ROLLING_BACK || this == ROLLED_BACK || this == FAILED || this == STOPPED;
    }
}
