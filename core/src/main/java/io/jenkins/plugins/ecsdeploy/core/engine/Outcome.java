package io.jenkins.plugins.ecsdeploy.core.engine;

/** How a deployment run ended. */
public enum Outcome {
    /** The new version receives all traffic (or the switch/rollback/canary took effect) and was verified. */
    SUCCEEDED,
    /** The new version is deployed and checked on the idle slot; production traffic was left as it was. */
    READY_NOT_PROMOTED,
    /** Failed before production traffic moved; traffic is untouched. */
    FAILED,
    /** Failed or aborted after traffic moved; all traffic is back on the previous slot, verified. */
    ROLLED_BACK,
    /** Traffic could not be put back on a healthy slot: a person must act now. */
    ROLLBACK_FAILED;

    public boolean isSuccess() {
        return this == SUCCEEDED || this == READY_NOT_PROMOTED;
    }
}
