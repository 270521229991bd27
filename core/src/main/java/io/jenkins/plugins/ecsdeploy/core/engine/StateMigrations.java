package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Brings a saved state to today's format ({@link DeploymentState#SCHEMA_VERSION}), one step per format, so that a
 * run saved by an earlier release (a Jenkins controller upgraded while a deployment waits) resumes. Each format
 * change of the state adds a step here and fixtures of the format it replaces.
 *
 * <ol>
 *   <li>The first format carried no {@code schemaVersion}: one flat object ({@link StateFormatV1}).</li>
 *   <li>Format 2 keeps the request per operation, the plan apart from the progress.</li>
 *   <li>Format 3 records warn levels, dry runs and units of the metrics a canary judged ({@link StateFormatV2}).</li>
 *   <li>Format 4 adds the expected image of canary, switch and rollback requests and runs under a scope's lock
 *       ({@link StateFormatV3}).</li>
 *   <li>Format 5 follows deployments that AWS runs itself (CodeDeploy, ECS-native): {@code managed}
 *       ({@link StateFormatV4}).</li>
 * </ol>
 */
final class StateMigrations {

    static final String VERSION = "schemaVersion";

    private StateMigrations() {
    }

    /**
     * @throws SavedStateException when the state is not an object, or was saved in a newer format
     */
    static JsonNode toCurrent(JsonNode saved) {
        if (saved == null || !saved.isObject()) {
            throw new SavedStateException("it is not a JSON object.");
        }
        ObjectNode state = (ObjectNode) saved;
        JsonNode version = state.get(VERSION);
        if (version == null || version.isInt() && version.intValue() == 1) {
            ObjectNode first = state.deepCopy();
            first.remove(VERSION);
            return StateFormatV4.toV5(StateFormatV3.toV4(StateFormatV2.toV3(StateFormatV1.toV2(first))));
        }
        if (!version.isInt() || version.intValue() < 1) {
            throw new SavedStateException("'" + VERSION + "' is " + version + ", which is not a format number.");
        }
        if (version.intValue() > DeploymentState.SCHEMA_VERSION) {
            throw new SavedStateException("it was saved in format " + version.intValue() + " by a newer release, and"
                    + " this release reads formats 1 to " + DeploymentState.SCHEMA_VERSION + ". Resume it with the"
                    + " release that saved it.");
        }
        return switch (version.intValue()) {
            case 2 -> StateFormatV4.toV5(StateFormatV3.toV4(StateFormatV2.toV3(state)));
            case 3 -> StateFormatV4.toV5(StateFormatV3.toV4(state));
            case 4 -> StateFormatV4.toV5(state);
            default -> state;
        };
    }
}
