package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end against the fake AWS: exit codes, output, files. */
class CommandLineTest {

    @TempDir
    Path dir;
    private CliHarness h;
    private String cfg;
    private String stateDir;

    @BeforeEach
    void start() {
        h = new CliHarness(dir);
        cfg = h.config.toString();
        stateDir = dir.resolve("runs").toString();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void deployPrintsEachTransitionAndWritesTheRecord() throws IOException {
        int code = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.OK);
        assertThat(h.out()).contains("PREFLIGHT -> CONFIRM_LOCK").contains("CONFIRM_LOCK -> REGISTER_TASK_DEFINITION")
                .contains("VERIFY_SWITCH -> BAKE")
                .contains("SUCCEEDED: green is live");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
        Path record = onlyFile(".record.json");
        JsonNode json = StateJson.mapper().readTree(Files.readString(record));
        assertThat(json.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(json.get("toImage").asText()).endsWith(":v1.2.3");
        assertThat(onlyFile(".state.json")).exists();
    }

    @Test
    void jsonModePrintsOneObjectPerLine() throws IOException {
        int code = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3", "--no-promote",
                "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = h.out().lines().map(CommandLineTest::parse).toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.get("type").asText())
                .isIn("transition", "progress", "result"));
        JsonNode result = lines.get(lines.size() - 1);
        assertThat(result.get("type").asText()).isEqualTo("result");
        assertThat(result.get("outcome").asText()).isEqualTo("READY_NOT_PROMOTED");
        assertThat(result.get("exitCode").asInt()).isZero();
        assertThat(lines.get(0).get("to").asText()).isEqualTo("PREFLIGHT");
    }

    @Test
    void statusShowsBothSlotsFromAws() {
        int code = h.run("status", "-c", cfg);

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(h.out()).contains("traffic blue=100%, green=0%, active slot blue")
                .containsPattern("blue\\s+100%\\s+web-blue\\s+v1.0.0\\s+1\\s+2/2")
                .containsPattern("green\\s+0%\\s+web-green\\s+v1.0.0\\s+1\\s+0/0");
        assertThat(h.aws.calls()).allMatch(c -> c.action().startsWith("Describe"));
    }

    @Test
    void statusAsJson() {
        assertThat(h.run("status", "-c", cfg, "--json")).isZero();
        JsonNode status = parse(h.out().strip());
        assertThat(status.get("activeSlot").asText()).isEqualTo("BLUE");
        assertThat(status.get("status").get("slots")).hasSize(2);
    }

    @Test
    void switchWithWeightsAfterUnpromotedDeploy() {
        h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3", "--no-promote");
        int code = h.run("switch", "-c", cfg, "--state-dir", stateDir, "--weights", "blue=90,green=10");

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.OK);
        assertThat(h.aws.listenerSplit()).isEqualTo(new TrafficSplit(90, 10));
    }

    @Test
    void weightsThatDoNotAddUpAreRefusedBeforeAws() {
        int code = h.run("switch", "-c", cfg, "--state-dir", stateDir, "--weights", "blue=90,green=20");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("must add up to 100 percent").contains("blue=90 + green=20 = 110");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void unknownSlotIsRefused() {
        int code = h.run("switch", "-c", cfg, "--to", "purple");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("Unknown slot 'purple': use 'blue' or 'green'");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void toAndWeightsTogetherAreRefused() {
        assertThat(h.run("switch", "-c", cfg, "--to", "green", "--weights", "blue=50,green=50"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("mutually exclusive");
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        assertThat(h.run("deploy", "--image-tag", "v1")).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void invalidConfigNamesTheFieldAndCallsNothing() throws IOException {
        Files.writeString(h.config, Files.readString(h.config).replace("region: us-east-1", "region: moon-1"));
        int code = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("region");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void invalidImageTagIsAUsageError() {
        assertThat(h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "bad tag!"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("not a valid Docker tag");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void failureBeforeTrafficMovedExitsOne() {
        h.aws.slotUnhealthy("web-green", true);
        int code = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(h.out()).contains("FAILED: green was not ready within 120 s");
    }

    @Test
    void failureAfterTrafficMovedExitsThree() {
        h.aws.ignoreWrites("ModifyListener");
        int code = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");

        assertThat(code).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(h.out()).contains("ROLLED_BACK: The new weights do not read back on the listener");
    }

    @Test
    void resumeContinuesAKilledRunFromItsStateFile() throws IOException {
        h.killAfterSleeps = 3;
        int killed = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");
        assertThat(killed).isNotZero();
        Path state = onlyFile(".state.json");
        assertThat(Files.readString(state)).contains("\"phase\" : \"WAIT_FOR_READY\"");

        h.killAfterSleeps = -1;
        int code = h.run("resume", "-c", cfg, "--state", state.toString(), "--state-dir", stateDir);

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.OK);
        assertThat(h.out()).contains("Resuming").contains("SUCCEEDED");
        assertThat(h.aws.calls("RegisterTaskDefinition")).hasSize(1);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void aStateFileWithAFieldThisReleaseDoesNotKnowIsRefusedByNameWithoutAnyAwsCall() throws IOException {
        h.killAfterSleeps = 3;
        h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");
        Path state = onlyFile(".state.json");
        Files.writeString(state, Files.readString(state).replaceFirst("\\{", "{ \"bakeSeenAt\" : null,"));
        int calls = h.aws.calls().size();

        h.killAfterSleeps = -1;
        int code = h.run("resume", "-c", cfg, "--state", state.toString(), "--state-dir", stateDir);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("unknown field 'bakeSeenAt'");
        assertThat(h.aws.calls()).hasSize(calls);
    }

    @Test
    void rollbackAfterDeployReturnsToBlue() {
        h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3");
        int code = h.run("rollback", "-c", cfg, "--state-dir", stateDir, "--reason", "p99");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void canaryPlanAfterUnpromotedDeployPromotesTheCanary() {
        healthyMetrics();
        h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3", "--no-promote");
        int code = h.run("canary", "-c", cfg, "--state-dir", stateDir, "--stages", "10,50,100",
                "--stage-duration", "2m");

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.OK);
        assertThat(h.out()).contains("stage 1 of 3: asked the load balancer for blue=90%, green=10%")
                .contains("Stage 2 interval 2: PASS");
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.GREEN));
    }

    @Test
    void linearPlanStepsUpToOneHundred() {
        healthyMetrics();
        h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v1.2.3", "--no-promote");
        int code = h.run("canary", "-c", cfg, "--state-dir", stateDir, "--step", "40", "--interval", "1m",
                "--json");

        assertThat(code).as(h.out() + h.err()).isEqualTo(ExitCodes.OK);
        assertThat(h.aws.calls("ModifyListener")).extracting(
                c -> c.param("DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight"))
                .containsExactly("40", "80", "100");
    }

    @Test
    void canaryWithTwoPlansIsRefused() {
        assertThat(h.run("canary", "-c", cfg, "--percent", "10", "--duration", "5m", "--step", "10",
                "--interval", "1m")).isEqualTo(ExitCodes.USAGE);
        assertThat(h.aws.calls()).isEmpty();
    }

    private void healthyMetrics() {
        for (String slot : List.of("blue", "green")) {
            h.aws.metrics().set(slot, "RequestCount", "Sum", 500)
                    .set(slot, "TargetResponseTime", "p99", 0.150)
                    .set(slot, "HealthyHostCount", "Minimum", 2)
                    .set(slot, "UnHealthyHostCount", "Maximum", 0);
        }
    }

    @Test
    void validateChecksOffline() {
        assertThat(h.run("validate", "-c", cfg)).isZero();
        assertThat(h.out()).contains("Environment prod-web in us-east-1 is valid.");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(h.run("--help")).isZero();
        assertThat(h.out()).contains("Exit codes:").contains("3   failed after traffic moved");
    }

    private Path onlyFile(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(stateDir))) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return StateJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
