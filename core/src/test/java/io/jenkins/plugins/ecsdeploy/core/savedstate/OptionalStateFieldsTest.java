package io.jenkins.plugins.ecsdeploy.core.savedstate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.StateJson;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Fields added to the saved state without a new format: the Route 53 change a run waits for (optional, written only
 * while set) and the weighted records of a resolved environment (absent for an ALB environment). A state saved
 * without them reads and is written back unchanged; one with them keeps them. States of earlier formats without them
 * resume as {@code ResumeSavedStateTest} checks.
 */
class OptionalStateFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The format this release writes: a state in it must be written back unchanged. */
    private static final String CURRENT = "v5";

    @Test
    void aStateWithoutTheNewFieldsReadsAndIsWrittenWithoutThem() {
        String saved = SavedStates.read(CURRENT, SavedRun.DEPLOY_VERIFY_SWITCH);
        JsonNode written = tree(StateJson.write(StateJson.readState(saved)));

        assertThat(written.at("/traffic").has("changeId")).isFalse();
        assertThat(written.at("/resolved").has("records")).isFalse();
        assertThat(written).isEqualTo(tree(saved));
    }

    @Test
    void aRoute53ChangeAndTheWeightedRecordsAreKept() {
        ObjectNode state = (ObjectNode) tree(SavedStates.read(CURRENT, SavedRun.DEPLOY_VERIFY_SWITCH));
        ((ObjectNode) state.get("traffic")).put("changeId", "/change/C2682N5HXP0BZ4");
        ObjectNode records = ((ObjectNode) state.get("resolved")).putObject("records");
        records.put("hostedZoneId", "Z0123456789ABCDEFGHIJ").put("recordName", "api.example.com.")
                .put("recordType", "CNAME").put("blueSetIdentifier", "api-blue")
                .put("greenSetIdentifier", "api-green").put("ttlSeconds", 60);

        DeploymentState read = StateJson.readState(state.toString());

        assertThat(read.getResolved().records()).isEqualTo(new WeightedRecords("Z0123456789ABCDEFGHIJ",
                "api.example.com.", "CNAME", "api-blue", "api-green", 60));
        assertThat(tree(StateJson.write(read)).at("/traffic/changeId").asText()).isEqualTo("/change/C2682N5HXP0BZ4");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
