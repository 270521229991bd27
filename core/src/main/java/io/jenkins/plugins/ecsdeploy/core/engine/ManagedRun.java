package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedStatus;
import java.time.Instant;

/**
 * How far a deployment that AWS runs itself got (CodeDeploy, ECS-native blue/green): its id, what the run last saw
 * and did to it, and the analysis and bake the engine runs on top. Unused (all null) in other environments.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class ManagedRun {

    /** The deployment's id; null until started or found. */
    String deploymentId;
    /**
     * The revision a rollback deploys anew because the original task set is gone (the previous deploy's source);
     * null otherwise (a deploy deploys {@code rollout.newTaskDefinitionArn}).
     */
    String taskDefinitionArn;
    /** Whether this run asked AWS to start a deployment: a lost reply may still have started one. */
    boolean startAsked;
    /** The status the run last saw; null before the first read. */
    ManagedStatus status;
    /** Lifecycle events already reported (the record's list), so that each is told once. */
    int eventsReported;
    boolean approved;
    boolean finishedEarly;
    boolean stopAsked;
    /** The canary share of production traffic the open analysis stage judges, or 0 when none is open. */
    int share;
    /** Start of the next interval to analyse while AWS holds a canary share. */
    Instant intervalStart;
    /** When the bake after all traffic moved ends; null until all traffic was seen on the new slot. */
    Instant bakeUntil;

    boolean started() {
        return deploymentId != null || startAsked;
    }
}
