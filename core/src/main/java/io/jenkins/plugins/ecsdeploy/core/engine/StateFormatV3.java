package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Format 3 to format 4: format 4 lets a canary, switch or rollback request name the image its slot must run
 * ({@code expectedImage}), and a run act under a lock its caller's scope holds ({@code lockFromScope}). A state
 * saved in format 3 expected no image and took its own lock, so those are filled in as such.
 */
final class StateFormatV3 {

    private static final Set<String> EXPECTING_AN_IMAGE = Set.of("CANARY", "SWITCH", "ROLLBACK");

    private StateFormatV3() {
    }

    static ObjectNode toV4(ObjectNode v3) {
        ObjectNode state = v3.deepCopy();
        state.putIfAbsent("lockFromScope", state.booleanNode(false));
        JsonNode request = state.get("request");
        if (request instanceof ObjectNode r && EXPECTING_AN_IMAGE.contains(r.path("operation").asText())) {
            r.putIfAbsent("expectedImage", r.nullNode());
        }
        state.put(StateMigrations.VERSION, 4);
        return state;
    }
}
