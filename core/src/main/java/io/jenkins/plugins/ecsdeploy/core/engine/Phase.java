package io.jenkins.plugins.ecsdeploy.core.engine;

/** The states of the deployment state machine. Terminal phases end the run. */
public enum Phase {
    PREFLIGHT,
    /** Reads the deployment lock back after the settle delay, then decides the run from what AWS says now. */
    CONFIRM_LOCK,
    REGISTER_TASK_DEFINITION,
    UPDATE_IDLE_SERVICE,
    WAIT_FOR_READY,
    POINT_TEST_TRAFFIC,
    SMOKE_CHECKS,
    SHIFT_CANARY,
    VERIFY_CANARY_SHIFT,
    ANALYSE_CANARY,
    SWITCH_TRAFFIC,
    VERIFY_SWITCH,
    BAKE,
    SCALE_DOWN_OLD,
    SCALE_UP_TARGET,
    WAIT_FOR_TARGET_READY,
    /** Starts the deployment that AWS runs (CodeDeploy, ECS-native blue/green). */
    START_MANAGED,
    /** Follows it: approval at its ready point, health, alarms and analysis while AWS shifts, the bake. */
    FOLLOW_MANAGED,
    /** Stops it and has AWS roll it back. */
    STOP_MANAGED,
    /** Follows AWS's rollback until the original serves all traffic, verified on the listener. */
    FOLLOW_MANAGED_ROLLBACK,
    ROLL_BACK,
    VERIFY_ROLLBACK,
    FINISHED;

    public boolean isTerminal() {
        return this == FINISHED;
    }
}
