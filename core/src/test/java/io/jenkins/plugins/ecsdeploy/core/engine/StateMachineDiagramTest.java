package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/state-machine.md} is drawn from {@link PhaseGraph}, so the picture cannot drift from the machine: when
 * the file differs from what the graph draws now, this test rewrites it and fails, and the new file is to be
 * reviewed and committed with the change that made it.
 */
class StateMachineDiagramTest {

    private static final Path DIAGRAM = Path.of("..", "docs", "state-machine.md");

    @Test
    void theDiagramInDocsIsTheOneTheGraphDraws() throws IOException {
        String drawn = document();
        String committed = Files.exists(DIAGRAM) ? Files.readString(DIAGRAM, StandardCharsets.UTF_8) : "";
        if (!committed.equals(drawn)) {
            Files.writeString(DIAGRAM, drawn, StandardCharsets.UTF_8);
        }
        assertThat(committed).as(DIAGRAM + " was stale and has been redrawn from PhaseGraph: review it and commit it")
                .isEqualTo(drawn);
    }

    @Test
    void everyMoveOfTheGraphIsAnArrowInTheCommittedDiagram() throws IOException {
        List<String> committed = Files.exists(DIAGRAM) ? Files.readAllLines(DIAGRAM, StandardCharsets.UTF_8)
                : List.of();
        for (Phase from : Phase.values()) {
            for (Phase to : PhaseGraph.next(from)) {
                assertThat(committed).as("the arrow %s --> %s in %s", from, to, DIAGRAM)
                        .anyMatch(line -> line.strip().matches(from + " --> " + to + "( : .*)?"));
            }
        }
    }

    static String document() {
        return """
                # The deployment state machine

                <!-- Drawn from PhaseGraph by StateMachineDiagramTest: edit the graph, not this file. -->

                Every run starts in `PREFLIGHT`, which takes the environment's deployment lock, and
                `CONFIRM_LOCK`, which reads the lock back after a settle delay and then reads AWS to plan the
                run. A rollback and a switch take no lock: they read AWS, write in `PREFLIGHT` and go on to
                their verifying read (a switch first checks that no other run holds the lock). Each
                operation's own path begins at the phases marked with its name. Every phase may end
                the run (`FINISHED`): a failure before production traffic moved, a lost lock, or the phase's own
                end. Every phase after the first traffic write may go to `ROLL_BACK`: a failure or an abort there
                puts traffic back where it was, and `VERIFY_ROLLBACK` reads it back, writing it again when it does
                not show. The engine refuses any move that is not an arrow here.

                ```mermaid
                stateDiagram-v2
                """ + String.join("\n", arrows()) + "\n```\n";
    }

    private static List<String> arrows() {
        List<String> lines = new ArrayList<>();
        lines.add("    [*] --> " + Phase.PREFLIGHT);
        for (Phase from : Phase.values()) {
            for (Phase to : PhaseGraph.next(from)) {
                lines.add("    " + from + " --> " + to + label(from, to));
            }
        }
        lines.add("    " + Phase.FINISHED + " --> [*]");
        return lines;
    }

    /** The operations whose own path begins with this move. */
    private static String label(Phase from, Phase to) {
        if (from != Phase.CONFIRM_LOCK) {
            return "";
        }
        List<String> operations = new ArrayList<>();
        for (Operation op : Operation.values()) {
            if (PhaseGraph.entries(op).contains(to)) {
                operations.add(op.name().toLowerCase(Locale.ROOT));
            }
        }
        return operations.isEmpty() ? "" : " : " + String.join(", ", operations);
    }
}
