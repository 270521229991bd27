package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM sent to a real {@code ecs-deploy} process while its run waits in a phase: the JVM's shutdown
 * hook ({@link ShutdownReport}) must let the run abort, roll back if traffic moved, write its record and print its
 * result, then end the process with the outcome's exit code rather than 130 or 143. {@link SignalReportTest}
 * covers every phase in-process; this covers the path through the operating system's signal, once per kind of
 * outcome. Each phase is held open by the fake (a slot that never gets healthy, a long bake), so the signal always
 * lands while the run waits in it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGINT and SIGTERM are POSIX signals")
class ProcessSignalTest {

    @TempDir
    Path dir;
    private FakeAws aws;
    private Path config;
    private Path stateDir;

    @BeforeEach
    void start() throws IOException {
        aws = FakeAws.startStandard();
        config = dir.resolve("env.yaml");
        stateDir = dir.resolve("runs");
        // A one-second poll gets a real-time run to its bake in seconds; the lock's settle delay (10 s) stays.
        Files.writeString(config, "name: prod-web\nregion: us-east-1\nendpointUrl: " + aws.endpoint()
                + "\ncluster: prod\ncontainer: app\nslots:\n  blue: {service: web-blue, targetGroup: web-blue}\n"
                + "  green: {service: web-green, targetGroup: web-green}\n"
                + "listener: {loadBalancer: web-alb, port: 443}\nhealth: {pollInterval: 1s}\n");
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void sigtermWhileTheNewSlotIsNotReadyEndsFailedWithTheTextResult() throws Exception {
        aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        try (CliProcess cli = CliProcess.start(dir, deploy("--readiness-timeout", "30m"))) {
            cli.awaitPhase(stateDir, Phase.WAIT_FOR_READY);
            cli.signal("TERM");

            assertThat(cli.awaitExit()).as(cli.output()).isEqualTo(ExitCodes.FAILED);
            assertRecord("FAILED", Phase.WAIT_FOR_READY);
            assertTextResult(cli, "FAILED: Aborted by ecs-deploy (interrupted by a signal)");
            assertCleanEnd(cli);
            assertThat(aws.calls("ModifyListener")).as("traffic never moved").isEmpty();
        }
    }

    @Test
    void sigintInTheBakeRollsBackWithTheJsonResult() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, deploy("--bake-time", "30m", "--json"))) {
            cli.awaitPhase(stateDir, Phase.BAKE);
            assumeFalse(cli.ignoresSigint(), "SIGINT is ignored here (a background job without job control)");
            assertThat(aws.listenerSplit()).as("traffic moved before the signal").isEqualTo(TrafficSplit.allTo(
                    Slot.GREEN));
            cli.signal("INT");

            assertThat(cli.awaitExit()).as(cli.output()).isEqualTo(ExitCodes.ROLLED_BACK);
            assertRecord("ROLLED_BACK", Phase.BAKE);
            JsonNode result = StateJson.mapper().readTree(last(cli.stdoutLines()));
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("outcome").asText()).isEqualTo("ROLLED_BACK");
            assertThat(result.get("exitCode").intValue()).isEqualTo(ExitCodes.ROLLED_BACK);
            assertThat(result.get("record").asText()).isEqualTo(onlyFile(".record.json").toString());
            assertCleanEnd(cli);
        }
    }

    /**
     * The lock's settle delay holds CONFIRM_LOCK for ten seconds only. With a slot that never gets healthy, traffic
     * cannot move whenever the signal lands, so neither the outcome nor the wait for the phase depends on how fast a
     * busy machine is: a test that saw the run only after the settle delay signals it in the phases that follow.
     */
    @Test
    void sigintWhileConfirmingTheLockEndsFailed() throws Exception {
        aws.slotUnhealthy(FakeAws.GREEN_TARGET_GROUP, true);
        try (CliProcess cli = CliProcess.start(dir, deploy("--readiness-timeout", "30m"))) {
            cli.awaitPhase(stateDir, Phase.CONFIRM_LOCK, Phase.REGISTER_TASK_DEFINITION, Phase.UPDATE_IDLE_SERVICE,
                    Phase.WAIT_FOR_READY);
            assumeFalse(cli.ignoresSigint(), "SIGINT is ignored here (a background job without job control)");
            cli.signal("INT");

            assertThat(cli.awaitExit()).as(cli.output()).isEqualTo(ExitCodes.FAILED);
            assertRecord("FAILED", null);
            assertTextResult(cli, "FAILED: Aborted by ecs-deploy (interrupted by a signal)");
            assertCleanEnd(cli);
            assertThat(aws.calls("ModifyListener")).as("traffic never moved").isEmpty();
        }
    }

    @Test
    void sigtermEndsAStatusThatWaitsForAwsAtOnce() throws Exception {
        // Every reply is held back two minutes: the status's reads would take their retries' minute and more.
        aws.readTimeoutDelay(Duration.ofMinutes(2));
        aws.injectAlways("*", Fault.READ_TIMEOUT);
        try (CliProcess cli = CliProcess.start(dir, List.of("status", "-c", config.toString()))) {
            cli.awaitCall(aws);
            cli.signal("TERM");

            // The signal's own code: status changes nothing, so there is no record or result to wait for.
            assertThat(cli.awaitExit()).as(cli.output()).isEqualTo(143);
            assertThat(cli.stdoutLines()).as(cli.output()).isEmpty();
        }
    }

    private List<String> deploy(String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "-c", config.toString(), "--state-dir",
                stateDir.toString(), "--image-tag", "v1.2.3"));
        args.addAll(List.of(more));
        return args;
    }

    /** The record says the signal ended the run, and, when given, in which phase the abort took it. */
    private void assertRecord(String outcome, Phase abortedIn) throws IOException {
        JsonNode record = StateJson.mapper().readTree(Files.readString(onlyFile(".record.json")));
        assertThat(record.get("outcome").asText()).isEqualTo(outcome);
        assertThat(record.get("outcomeMessage").asText()).contains("Aborted by ecs-deploy (interrupted by a signal)");
        assertThat(record.get("abortedBy").asText()).contains("interrupted by a signal");
        if (abortedIn != null) {
            List<String> fromAbortedPhase = new ArrayList<>();
            record.get("transitions").forEach(t -> {
                // The first transition, into PREFLIGHT, comes from no phase.
                if (t.path("from").asText().equals(abortedIn.name())) {
                    fromAbortedPhase.add(t.get("reason").asText());
                }
            });
            assertThat(fromAbortedPhase).as(record.toString()).anyMatch(reason -> reason.contains("Abort"));
        }
    }

    private void assertTextResult(CliProcess cli, String resultLine) throws IOException {
        List<String> lines = cli.stdoutLines();
        assertThat(lines).as(cli.output()).hasSizeGreaterThan(2);
        assertThat(lines.get(lines.size() - 2)).startsWith(resultLine);
        assertThat(last(lines)).isEqualTo("Record: " + onlyFile(".record.json"));
    }

    /**
     * Every AWS call was answered and none failed (a call cut off midway would fail, or leave the rollback or the
     * lock's release undone), traffic is all on the old slot, and the lock is released.
     */
    private void assertCleanEnd(CliProcess cli) {
        assertThat(aws.calls()).isNotEmpty().allMatch(c -> c.fault() == null);
        assertThat(aws.server().getAllServeEvents()).hasSize(aws.callCount())
                .allMatch(e -> e.getResponse().getStatus() == 200);
        assertThat(cli.stderr()).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("interrupt");
        assertThat(aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(aws.tags(FakeAws.LISTENER_ARN).keySet()).noneMatch(k -> k.startsWith("ecs-deploy:lock"));
    }

    private Path onlyFile(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(stateDir)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }
}
