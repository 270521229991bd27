package io.jenkins.plugins.ecsdeploy.core.engine;

import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.ANALYSE_CANARY;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.BAKE;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.CONFIRM_LOCK;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.FINISHED;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.FOLLOW_MANAGED;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.FOLLOW_MANAGED_ROLLBACK;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.POINT_TEST_TRAFFIC;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.PREFLIGHT;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.REGISTER_TASK_DEFINITION;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.ROLL_BACK;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.SCALE_DOWN_OLD;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.SCALE_UP_TARGET;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.SHIFT_CANARY;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.SMOKE_CHECKS;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.START_MANAGED;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.STOP_MANAGED;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.SWITCH_TRAFFIC;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.UPDATE_IDLE_SERVICE;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.VERIFY_CANARY_SHIFT;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.VERIFY_ROLLBACK;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.VERIFY_SWITCH;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.WAIT_FOR_READY;
import static io.jenkins.plugins.ecsdeploy.core.engine.Phase.WAIT_FOR_TARGET_READY;

import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The state machine's graph, declared once: for each phase, the phases it may go to; and where each operation's
 * own path begins once the deployment lock is confirmed. Every run starts in {@link Phase#PREFLIGHT}. The engine
 * refuses a move the graph lacks, and {@code docs/state-machine.md} is drawn from it.
 *
 * <p>Every phase may end the run ({@link Phase#FINISHED}): a failure before production traffic moved, a lost
 * lock, or the phase's own end. Every phase after the first traffic write may go to {@link Phase#ROLL_BACK}: a
 * failure or an abort there puts traffic back.
 *
 * <p>Where AWS runs the deployment itself (CodeDeploy, ECS-native blue/green), a deploy registers its revision and
 * goes to {@link Phase#START_MANAGED} and {@link Phase#FOLLOW_MANAGED}; anything going wrong there goes to
 * {@link Phase#STOP_MANAGED}, which has AWS roll back, and {@link Phase#FOLLOW_MANAGED_ROLLBACK} follows that until the
 * listener shows all traffic on the original, or writes the listener itself ({@link Phase#ROLL_BACK}).
 */
final class PhaseGraph {

    private static final Map<Phase, Set<Phase>> NEXT = new EnumMap<>(Phase.class);
    private static final Map<Operation, Set<Phase>> ENTRIES = new EnumMap<>(Operation.class);
    /**
     * Where each operation goes from {@link Phase#PREFLIGHT}, besides the end: to the lock's confirmation, or, for
     * those that take no lock, straight to their own path.
     */
    private static final Map<Operation, Set<Phase>> FROM_PREFLIGHT = new EnumMap<>(Operation.class);

    static {
        // A rollback and a switch take no lock: they plan and write in preflight (see FROM_PREFLIGHT). A switch under
        // a caller's lock, or one resumed from a state that holds a lock, writes at the lock's confirmation.
        // A write in preflight or at the lock's confirmation that fails goes to ROLL_BACK.
        // A rollback of a managed deployment under way stops it; one whose original task set is gone deploys anew.
        edges(PREFLIGHT, CONFIRM_LOCK, VERIFY_ROLLBACK, VERIFY_SWITCH, ROLL_BACK, SCALE_UP_TARGET,
                WAIT_FOR_TARGET_READY, STOP_MANAGED, START_MANAGED, FINISHED);
        // A switch of a managed deployment approves it (or ends its termination wait) and follows it.
        edges(CONFIRM_LOCK, REGISTER_TASK_DEFINITION, SHIFT_CANARY, SWITCH_TRAFFIC, VERIFY_SWITCH, ROLL_BACK,
                SCALE_UP_TARGET, WAIT_FOR_TARGET_READY, FOLLOW_MANAGED, STOP_MANAGED, FINISHED);
        edges(REGISTER_TASK_DEFINITION, UPDATE_IDLE_SERVICE, START_MANAGED, FINISHED);
        edges(START_MANAGED, FOLLOW_MANAGED, STOP_MANAGED, FINISHED);
        edges(FOLLOW_MANAGED, STOP_MANAGED, FOLLOW_MANAGED_ROLLBACK, FINISHED);
        edges(STOP_MANAGED, FOLLOW_MANAGED_ROLLBACK, FINISHED);
        edges(FOLLOW_MANAGED_ROLLBACK, ROLL_BACK, FINISHED);
        edges(UPDATE_IDLE_SERVICE, WAIT_FOR_READY, FINISHED);
        edges(WAIT_FOR_READY, POINT_TEST_TRAFFIC, SMOKE_CHECKS, FINISHED);
        edges(POINT_TEST_TRAFFIC, SMOKE_CHECKS, FINISHED);
        edges(SMOKE_CHECKS, SHIFT_CANARY, SWITCH_TRAFFIC, FINISHED);
        edges(SHIFT_CANARY, VERIFY_CANARY_SHIFT, SWITCH_TRAFFIC, ROLL_BACK, FINISHED);
        edges(VERIFY_CANARY_SHIFT, ANALYSE_CANARY, ROLL_BACK, FINISHED);
        edges(ANALYSE_CANARY, SHIFT_CANARY, ROLL_BACK, FINISHED);
        edges(SWITCH_TRAFFIC, VERIFY_SWITCH, ROLL_BACK, FINISHED);
        edges(VERIFY_SWITCH, BAKE, ROLL_BACK, FINISHED);
        edges(BAKE, SCALE_DOWN_OLD, ROLL_BACK, FINISHED);
        edges(SCALE_DOWN_OLD, ROLL_BACK, FINISHED);
        edges(SCALE_UP_TARGET, WAIT_FOR_TARGET_READY, FINISHED);
        edges(WAIT_FOR_TARGET_READY, ROLL_BACK, FINISHED);
        edges(ROLL_BACK, VERIFY_ROLLBACK, FINISHED);
        // After the emergency listener rollback of a managed deployment in its termination wait: stop it, so that AWS
        // keeps the original task set.
        edges(VERIFY_ROLLBACK, ROLL_BACK, STOP_MANAGED, FINISHED);
        edges(FINISHED);

        ENTRIES.put(Operation.DEPLOY, EnumSet.of(REGISTER_TASK_DEFINITION));
        ENTRIES.put(Operation.CANARY, EnumSet.of(SHIFT_CANARY));
        // A switch writes as soon as it has planned (SWITCH_TRAFFIC only in states saved before format 4).
        ENTRIES.put(Operation.SWITCH, EnumSet.of(VERIFY_SWITCH, ROLL_BACK, SWITCH_TRAFFIC, FOLLOW_MANAGED,
                STOP_MANAGED));
        // A rollback to a slot that was scaled down brings its tasks back first.
        ENTRIES.put(Operation.ROLLBACK, EnumSet.of(WAIT_FOR_TARGET_READY, SCALE_UP_TARGET));

        FROM_PREFLIGHT.put(Operation.DEPLOY, EnumSet.of(CONFIRM_LOCK));
        FROM_PREFLIGHT.put(Operation.CANARY, EnumSet.of(CONFIRM_LOCK));
        // A switch under a caller's lock, or of a deployment AWS runs, goes through the lock's confirmation.
        FROM_PREFLIGHT.put(Operation.SWITCH, EnumSet.of(CONFIRM_LOCK, VERIFY_SWITCH, ROLL_BACK));
        FROM_PREFLIGHT.put(Operation.ROLLBACK, EnumSet.of(VERIFY_ROLLBACK, ROLL_BACK, SCALE_UP_TARGET,
                WAIT_FOR_TARGET_READY, STOP_MANAGED, START_MANAGED));
    }

    private PhaseGraph() {
    }

    /** The phases {@code from} may go to. */
    static Set<Phase> next(Phase from) {
        return Collections.unmodifiableSet(NEXT.get(from));
    }

    /** Where {@code operation}'s own path begins after {@link Phase#CONFIRM_LOCK}. */
    static Set<Phase> entries(Operation operation) {
        return Collections.unmodifiableSet(ENTRIES.get(operation));
    }

    /**
     * @throws IllegalStateException when the graph has no such move for the operation: a bug in a phase handler,
     *     stopped before the state records a move nobody designed
     */
    static void requireMove(Operation operation, Phase from, Phase to) {
        boolean entry = from != CONFIRM_LOCK || to == FINISHED || ENTRIES.get(operation).contains(to);
        if (from == PREFLIGHT && to != FINISHED) {
            entry = FROM_PREFLIGHT.get(operation).contains(to);
        }
        if (!NEXT.get(from).contains(to) || !entry) {
            throw new IllegalStateException("The state machine has no move from " + from + " to " + to + " for "
                    + operation + ".");
        }
    }

    private static void edges(Phase from, Phase... to) {
        Set<Phase> next = EnumSet.noneOf(Phase.class);
        next.addAll(java.util.List.of(to));
        NEXT.put(from, next);
    }
}
