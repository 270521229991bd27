package io.jenkins.plugins.ecsdeploy.core.engine.request;

/** What a deployment run does. */
public enum Operation {
    /** New image to the idle slot, checks, then (unless not promoted) canary stages if any, switch and bake. */
    DEPLOY,
    /** Canary stages on the slot that already runs the new version (after a deploy that was not promoted). */
    CANARY,
    /** Set the production split to given weights, verified by reading it back. */
    SWITCH,
    /** All traffic back to the previous slot, scaling it up first if it had been scaled down. */
    ROLLBACK
}
