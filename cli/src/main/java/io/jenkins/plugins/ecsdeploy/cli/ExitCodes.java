package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;

/** The command line's exit codes, documented in README.md and docs/cli.md; scripts depend on them. */
public final class ExitCodes {

    /** Succeeded, or deployed and checked without promotion. */
    public static final int OK = 0;
    /** Failed before production traffic moved: traffic is as it was. */
    public static final int FAILED = 1;
    /** Bad arguments or an invalid config: nothing was called in AWS. */
    public static final int USAGE = 2;
    /** Failed after traffic moved and was rolled back, verified. */
    public static final int ROLLED_BACK = 3;
    /** The rollback failed or neither slot is healthy: a person must act now. */
    public static final int ROLLBACK_FAILED = 4;
    /** An AWS error outside a run (status, unlock, dashboard): denied, missing resource, unreachable endpoint. */
    public static final int AWS_ERROR = 5;
    /** Another deployment holds the environment's lock: nothing was changed; wait, or break a dead run's lock. */
    public static final int LOCK_HELD = 6;

    private ExitCodes() {
    }

    /** The code of a finished run: {@link #LOCK_HELD} when it stopped, unharmed, because of another run's lock. */
    public static int of(DeploymentState state) {
        Outcome outcome = state.getRecord().getOutcome();
        if (outcome == Outcome.FAILED && state.getLockConflict() != null) {
            return LOCK_HELD;
        }
        return of(outcome);
    }

    public static int of(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED, READY_NOT_PROMOTED -> OK;
            case FAILED -> FAILED;
            case ROLLED_BACK -> ROLLED_BACK;
            case ROLLBACK_FAILED -> ROLLBACK_FAILED;
        };
    }
}
