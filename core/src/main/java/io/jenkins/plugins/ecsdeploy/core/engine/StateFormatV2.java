package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Format 2 to format 3: format 3 records, for each metric judged in a canary interval, its warn level, whether it
 * warned, whether it was a dry run, and its unit ({@code MetricVerdict}). A state saved in format 2 judged no
 * metric with a warn level or as a dry run, so those are filled in as off.
 */
final class StateFormatV2 {

    private StateFormatV2() {
    }

    static ObjectNode toV3(ObjectNode v2) {
        ObjectNode state = v2.deepCopy();
        for (JsonNode stage : state.path("record").path("stages")) {
            for (JsonNode interval : stage.path("intervals")) {
                for (JsonNode metric : interval.path("metrics")) {
                    if (metric instanceof ObjectNode verdict) {
                        verdict.putIfAbsent("warnThreshold", verdict.nullNode());
                        verdict.putIfAbsent("warned", verdict.booleanNode(false));
                        verdict.putIfAbsent("dryRun", verdict.booleanNode(false));
                        verdict.putIfAbsent("unit", verdict.nullNode());
                    }
                }
            }
        }
        state.put(StateMigrations.VERSION, 3);
        return state;
    }
}
