package io.jenkins.plugins.ecsdeploy.core.savedstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.SavedStateException;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryStages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.RollbackRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.SwitchRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * How a saved state is read: today's format as written, the first format migrated, and every field that is missing,
 * unknown or has no place refused with its name, never dropped or guessed.
 */
class SavedStateFormatTest {

    @Test
    void aStateReadsBackAsItWasWritten() {
        String saved = SavedStates.read("v5", SavedRun.DEPLOY_ANALYSE_CANARY);

        assertThat(tree(StateJson.write(StateJson.readState(saved)))).isEqualTo(tree(saved));
    }

    @Test
    void theSecondFormatGetsTheVerdictFieldsOfTheThirdAsOff() {
        JsonNode v3 = tree(StateJson.write(StateJson.readState(SavedStates.read("v2",
                SavedRun.DEPLOY_ANALYSE_CANARY))));

        assertThat(v3.get("schemaVersion").intValue()).isEqualTo(5);
        JsonNode verdict = v3.at("/record/stages/0/intervals/0/metrics/0");
        assertThat(verdict.get("metric").asText()).isEqualTo("errorRate");
        assertThat(verdict.get("warned").booleanValue()).isFalse();
        assertThat(verdict.get("dryRun").booleanValue()).isFalse();
        assertThat(verdict.path("warnThreshold").isNumber()).as("no warn level").isFalse();
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        assertRefused("v2", s -> s.put("bakeSeenAt", "2026-11-23T10:00:00Z"), "unknown field 'bakeSeenAt'");
        assertRefused("v2", s -> ((ObjectNode) s.get("plan")).put("targetService", "web-green"),
                "unknown field 'plan.targetService'");
        assertRefused("v2", s -> ((ObjectNode) s.get("request")).put("slot", "GREEN"),
                "unknown field 'request.slot'");
        assertRefused("v2", s -> ((ObjectNode) s.get("record")).put("owner", "alice"), "'record.owner'");
    }

    @Test
    void aMissingFieldIsRefusedByNameEvenWhenItWouldBeNull() {
        assertRefused("v2", s -> ((ObjectNode) s.get("rollout")).remove("smokeIndex"),
                "the field 'rollout.smokeIndex' is missing");
        assertRefused("v2", s -> s.remove("lockConflict"), "the field 'lockConflict' is missing");
        assertThatThrownBy(() -> StateJson.readState(edit("v2", SavedRun.DEPLOY_ANALYSE_CANARY,
                s -> ((ObjectNode) s.get("request").get("canary")).remove("stageDuration"))))
                .isInstanceOf(SavedStateException.class)
                .hasMessageContaining("the field 'request.canary.stageDuration' is missing");
        assertRefused("v2", s -> ((ObjectNode) s.get("request")).remove("operation"),
                "'request.operation' is missing");
    }

    @Test
    void aStateFromANewerReleaseIsRefusedNamingItsFormat() {
        assertRefused("v5", s -> s.put("schemaVersion", 6), "saved in format 6 by a newer release");
    }

    @Test
    void theThirdFormatExpectsNoImageAndTakesItsOwnLock() {
        DeploymentState canary = StateJson.readState(SavedStates.read("v3", SavedRun.CANARY_ANALYSE_CANARY));
        DeploymentState rollback = StateJson.readState(SavedStates.read("v3", SavedRun.ROLLBACK_VERIFY_ROLLBACK));
        JsonNode v4 = tree(StateJson.write(canary));

        assertThat(v4.get("schemaVersion").intValue()).isEqualTo(5);
        assertThat(v4.get("lockFromScope").booleanValue()).isFalse();
        assertThat(((CanaryRequest) canary.getRequest()).expectedImage()).isNull();
        assertThat(((RollbackRequest) rollback.getRequest()).expectedImage()).isNull();
        assertThat(rollback.isLockFromScope()).isFalse();
        assertRefused("v4", s -> ((ObjectNode) s.get("request")).put("expectedImage", "v1"),
                "unknown field 'request.expectedImage'");
    }

    @Test
    void theFourthFormatGetsTheProgressOfNoManagedDeployment() {
        DeploymentState deploy = StateJson.readState(SavedStates.read("v4", SavedRun.DEPLOY_BAKE));
        JsonNode v5 = tree(StateJson.write(deploy));

        assertThat(v5.get("schemaVersion").intValue()).isEqualTo(5);
        assertThat(v5.at("/managed/deploymentId").isNull()).isTrue();
        assertThat(v5.at("/managed/startAsked").booleanValue()).isFalse();
        assertThat(v5.at("/managed/share").intValue()).isZero();
        assertThat(v5.at("/record/managedEvents").isEmpty()).isTrue();
        assertThat(v5).isEqualTo(tree(SavedStates.read("v5", SavedRun.DEPLOY_BAKE)));
        assertRefused("v4", s -> s.putObject("managed"), "unknown field 'managed'");
    }

    @Test
    void theFirstFormatIsMigratedFieldByField() {
        DeploymentState s = StateJson.readState(SavedStates.read("v1",
                SavedRun.DEPLOY_CANARY_FALLBACK_VERIFY_ROLLBACK));
        JsonNode v2 = tree(StateJson.write(s));

        // Migrated through formats 2 and 3 to today's.
        assertThat(v2.get("schemaVersion").intValue()).isEqualTo(5);
        // The fallback overwrote the planned rollback split in the first format; the plan gets it back.
        assertThat(v2.at("/plan/rollbackSplit")).isEqualTo(tree("{\"blue\": 100, \"green\": 0}"));
        assertThat(v2.at("/rollback/fallbackSplit")).isEqualTo(tree("{\"blue\": 0, \"green\": 100}"));
        assertThat(v2.at("/abort")).isEqualTo(tree("{\"by\": \"erin\", \"reason\": \"wrong build\"}"));
        assertThat(s.getRequest()).isEqualTo(new DeployRequest("v1.2.3", true,
                new CanaryStages(List.of(10, 100), Duration.ofMinutes(2)), null, null, null, "alice"));
    }

    @Test
    void aFirstFormatSwitchToASlotBecomesASwitchToItsSplit() {
        DeploymentState s = StateJson.readState(edit("v1", SavedRun.SWITCH_VERIFY_SWITCH, state -> {
            ObjectNode request = (ObjectNode) state.get("request");
            request.remove("weights");
            request.put("slot", "GREEN");
        }));

        assertThat(s.getRequest()).isEqualTo(new SwitchRequest(TrafficSplit.allTo(Slot.GREEN), "dave"));
    }

    @Test
    void aFirstFormatStageDurationWithoutStagesHadNoEffectAndIsNotKept() {
        DeploymentState s = StateJson.readState(edit("v1", SavedRun.DEPLOY_BAKE,
                state -> ((ObjectNode) state.get("request")).put("stageDuration", "PT5M")));

        assertThat(((DeployRequest) s.getRequest()).canary()).isNull();
    }

    @Test
    void aFirstFormatFieldWithoutAPlaceIsRefusedByName() {
        assertRefused("v1", s -> s.put("bakeSeenAt", "2026-11-23T10:00:00Z"), "unknown field 'bakeSeenAt'");
        assertRefused("v1", s -> ((ObjectNode) s.get("request")).put("owner", "alice"),
                "unknown field 'request.owner'");
        assertRefused("v1", s -> ((ObjectNode) s.get("request")).put("reason", "why not"),
                "'request.reason' is \"why not\", which a DEPLOY request does not have");
        assertRefused("v1", s -> s.remove("trafficMoved"), "the field 'trafficMoved' is missing");
        assertRefused("v1", s -> s.remove("request"), "the field 'request' is missing");
    }

    @Test
    void textThatIsNotJsonIsAnUnreadableFile() {
        assertThatThrownBy(() -> StateJson.readState("{\"phase\": ")).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Cannot read saved deployment state");
    }

    private static void assertRefused(String format, Consumer<ObjectNode> change, String message) {
        String json = edit(format, SavedRun.DEPLOY_BAKE, change);
        assertThatThrownBy(() -> StateJson.readState(json)).isInstanceOf(SavedStateException.class)
                .hasMessageStartingWith("Cannot resume the saved deployment state: ").hasMessageContaining(message);
    }

    private static String edit(String format, SavedRun run, Consumer<ObjectNode> change) {
        ObjectNode state = (ObjectNode) tree(SavedStates.read(format, run));
        change.accept(state);
        return StateJson.write(state);
    }

    private static JsonNode tree(String json) {
        try {
            return StateJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
