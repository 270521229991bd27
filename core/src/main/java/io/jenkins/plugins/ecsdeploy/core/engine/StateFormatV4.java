package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Format 4 to format 5: format 5 keeps the progress of a deployment that AWS runs itself ({@code managed}: its id,
 * the status last seen, approvals, the analysis of the share AWS holds, the bake). A state saved in format 4 ran no
 * such deployment, so it gets the progress of none.
 */
final class StateFormatV4 {

    private StateFormatV4() {
    }

    static ObjectNode toV5(ObjectNode v4) {
        if (v4.has("managed")) {
            // Format 4 has no such field: a state that has one was not written by a release that wrote format 4.
            throw new SavedStateException("unknown field 'managed' in a state of format 4.");
        }
        ObjectNode state = v4.deepCopy();
        ObjectNode managed = state.putObject("managed");
        managed.putNull("deploymentId");
        managed.putNull("taskDefinitionArn");
        managed.put("startAsked", false);
        managed.putNull("status");
        managed.put("eventsReported", 0);
        managed.put("approved", false);
        managed.put("finishedEarly", false);
        managed.put("stopAsked", false);
        managed.put("share", 0);
        managed.putNull("intervalStart");
        managed.putNull("bakeUntil");
        state.put(StateMigrations.VERSION, 5);
        return state;
    }
}
