package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C or SIGTERM while a run waits in each kind of phase: the run aborts (rolling back if traffic had moved),
 * writes its record, prints its result line, text or JSON, and returns the outcome's exit code. The signal is
 * delivered as the process's shutdown hook delivers it ({@link AbortSignal}), at the wait in the given phase, so
 * the test is deterministic; the thread making AWS calls is never interrupted, so every call completes.
 */
class SignalReportTest {

    @TempDir
    Path dir;
    private CliHarness h;
    private Path stateDir;

    @BeforeEach
    void start() {
        h = new CliHarness(dir);
        stateDir = dir.resolve("runs");
        h.signalStateDir = stateDir;
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @ParameterizedTest(name = "{0}, json={1}")
    @CsvSource({
        "PREFLIGHT, false, 1", "PREFLIGHT, true, 1",
        "CONFIRM_LOCK, false, 1", "CONFIRM_LOCK, true, 1",
        "WAIT_FOR_READY, false, 1", "WAIT_FOR_READY, true, 1",
        "ANALYSE_CANARY, false, 3", "ANALYSE_CANARY, true, 3",
        "BAKE, false, 3", "BAKE, true, 3"})
    void aSignalEndsTheRunWithItsRecordResultAndExitCode(Phase phase, boolean json, int exitCode) throws IOException {
        h.signalIn = phase;
        List<String> args = new java.util.ArrayList<>(List.of("deploy", "-c", h.config.toString(), "--state-dir",
                stateDir.toString(), "--image-tag", "v1.2.3"));
        if (phase == Phase.ANALYSE_CANARY) {
            args.addAll(List.of("--stages", "10,100", "--stage-duration", "5m"));
        }
        if (json) {
            args.add("--json");
        }

        int code = h.run(args.toArray(String[]::new));

        assertThat(code).as(h.out() + h.err()).isEqualTo(exitCode);
        JsonNode record = StateJson.mapper().readTree(Files.readString(onlyFile(".record.json")));
        assertThat(record.get("outcome").asText()).isEqualTo(exitCode == 3 ? "ROLLED_BACK" : "FAILED");
        assertThat(record.get("outcomeMessage").asText()).contains("Aborted by ecs-deploy (interrupted by a signal)");
        assertThat(record.get("abortedBy").asText()).contains("interrupted by a signal");
        String[] lines = h.out().strip().split("\n");
        String last = lines[lines.length - 1];
        if (json) {
            JsonNode result = StateJson.mapper().readTree(last);
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("exitCode").intValue()).isEqualTo(exitCode);
            assertThat(result.get("record").asText()).endsWith(".record.json");
        } else {
            assertThat(h.out()).contains(exitCode == 3 ? "ROLLED_BACK: Aborted" : "FAILED: Aborted");
        }
        // Every call was answered: none was cut off, none failed, and the lock is gone.
        assertThat(h.aws.calls()).allMatch(c -> c.fault() == null);
        assertThat(h.err()).doesNotContain("error");
        assertThat(h.aws.tags(io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.LISTENER_ARN).keySet())
                .noneMatch(k -> k.startsWith("ecs-deploy:lock"));
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    private Path onlyFile(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(stateDir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
