package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declared graph: what it allows, what it refuses, and that every phase can be reached and can end. */
class PhaseGraphTest {

    @Test
    void aMoveTheGraphLacksIsRefusedNamingIt() {
        assertThatThrownBy(() -> PhaseGraph.requireMove(Operation.DEPLOY, Phase.BAKE, Phase.SHIFT_CANARY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The state machine has no move from BAKE to SHIFT_CANARY for DEPLOY.");
        assertThatThrownBy(() -> PhaseGraph.requireMove(Operation.DEPLOY, Phase.FINISHED, Phase.PREFLIGHT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOperationEntersOnlyItsOwnPath() {
        assertThatCode(() -> PhaseGraph.requireMove(Operation.SWITCH, Phase.CONFIRM_LOCK, Phase.SWITCH_TRAFFIC))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PhaseGraph.requireMove(Operation.SWITCH, Phase.CONFIRM_LOCK,
                Phase.REGISTER_TASK_DEFINITION)).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> PhaseGraph.requireMove(Operation.ROLLBACK, Phase.CONFIRM_LOCK, Phase.FINISHED))
                .doesNotThrowAnyException();
    }

    @Test
    void everyPhaseIsReachedFromPreflightAndEveryPhaseButTheLastCanEndTheRun() {
        Set<Phase> reached = EnumSet.of(Phase.PREFLIGHT);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Phase from : EnumSet.copyOf(reached)) {
                grew |= reached.addAll(PhaseGraph.next(from));
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(Phase.values());
        for (Phase phase : Phase.values()) {
            assertThat(PhaseGraph.next(phase).contains(Phase.FINISHED)).as(phase.name())
                    .isEqualTo(!phase.isTerminal());
        }
        assertThat(PhaseGraph.next(Phase.FINISHED)).isEmpty();
    }

    @Test
    void everyOperationsEntryIsAMoveFromConfirmLock() {
        for (Operation op : Operation.values()) {
            assertThat(PhaseGraph.next(Phase.CONFIRM_LOCK)).containsAll(PhaseGraph.entries(op));
        }
    }
}
