package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * The first saved-state format, written by the releases before formats were numbered: one flat object of every
 * field, with the request as one record whose fields applied per operation. Nulls were left out; numbers and flags
 * were always written. {@link #toV2} moves every field to its place in format 2 and refuses, naming it, a field it
 * does not know or one that has no place for the run's operation.
 */
final class StateFormatV1 {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StateFormatV1() {
    }

    static ObjectNode toV2(ObjectNode saved) {
        Fields v1 = new Fields(saved.deepCopy(), "");
        ObjectNode v2 = JSON.objectNode();
        v2.put(StateMigrations.VERSION, 2);
        v2.set("record", v1.required("record"));
        JsonNode request = v1.required("request");
        String operation = new Fields(request.deepCopy(), "request.").requiredText("operation");
        v2.set("request", request(new Fields(request, "request.")));
        v2.set("phase", v1.required("phase"));
        v2.set("phaseEnteredAt", v1.required("phaseEnteredAt"));
        v2.set("resolved", v1.optional("resolved"));
        v2.set("lock", v1.optional("lock"));
        v2.set("lockConflict", v1.optional("lockConflict"));
        JsonNode fallbackMessage = v1.optional("rollbackFailure");
        JsonNode rollbackSplit = v1.optional("rollbackSplit");
        v2.set("plan", plan(v1, operation, fallbackMessage.isNull() ? rollbackSplit : null));
        v2.set("wait", JSON.objectNode()
                .<ObjectNode>set("deadline", v1.optional("deadline"))
                .set("attempts", v1.requiredInt("attempts")));
        v2.set("rollout", JSON.objectNode()
                .<ObjectNode>set("newTaskDefinitionArn", v1.optional("newTaskDefinitionArn"))
                .<ObjectNode>set("smokeIndex", v1.requiredInt("smokeIndex"))
                .set("bakeWatchedAt", v1.optional("bakeWatchedAt")));
        v2.set("traffic", JSON.objectNode()
                .<ObjectNode>set("moved", v1.requiredBoolean("trafficMoved"))
                .<ObjectNode>set("wanted", v1.optional("splitWanted"))
                .set("mismatchSince", v1.optional("splitMismatchSince")));
        v2.set("canary", JSON.objectNode()
                .<ObjectNode>set("stageIndex", v1.requiredInt("stageIndex"))
                .<ObjectNode>set("stageEndsAt", v1.optional("stageEndsAt"))
                .set("intervalStart", v1.optional("intervalStart")));
        // A rollback that fell back to the other slot wrote that slot's split over the planned one.
        v2.set("rollback", JSON.objectNode()
                .<ObjectNode>set("failureReason", v1.optional("failureReason"))
                .<ObjectNode>set("fallbackSplit", fallbackMessage.isNull() ? NullNode.instance : rollbackSplit)
                .<ObjectNode>set("fallbackMessage", fallbackMessage)
                .<ObjectNode>set("writes", v1.requiredInt("rollbackWrites"))
                .set("awsFailures", v1.requiredInt("awsFailures")));
        v2.set("abort", abort(v1));
        v1.requireAllMoved();
        return v2;
    }

    /**
     * The plan exists from the moment the run read the production split. A fallback overwrote the planned rollback
     * split, which is then what the planning sets for the operation.
     */
    private static JsonNode plan(Fields v1, String operation, JsonNode plannedRollbackSplit) {
        JsonNode splitBefore = v1.optional("splitBefore");
        JsonNode stable = v1.optional("stableSlot");
        JsonNode target = v1.optional("targetSlot");
        JsonNode source = v1.optional("sourceTaskDefinitionArn");
        JsonNode desired = v1.requiredInt("desiredCount");
        if (splitBefore.isNull()) {
            v1.requireUnset("stableSlot", stable);
            v1.requireUnset("targetSlot", target);
            v1.requireUnset("sourceTaskDefinitionArn", source);
            v1.requireUnset("rollbackSplit", plannedRollbackSplit == null ? NullNode.instance : plannedRollbackSplit);
            if (desired.intValue() != 0) {
                throw new SavedStateException("'desiredCount' is " + desired + " but the run had not read the"
                        + " production split ('splitBefore'), which no release wrote.");
            }
            return NullNode.instance;
        }
        JsonNode rollbackSplit = plannedRollbackSplit != null ? plannedRollbackSplit : switch (operation) {
            case "SWITCH" -> splitBefore;
            case "ROLLBACK" -> allTo(target);
            default -> allTo(stable);
        };
        return JSON.objectNode()
                .<ObjectNode>set("splitBefore", splitBefore)
                .<ObjectNode>set("stableSlot", stable)
                .<ObjectNode>set("targetSlot", target)
                .<ObjectNode>set("rollbackSplit", rollbackSplit)
                .<ObjectNode>set("sourceTaskDefinitionArn", source)
                .set("desiredCount", desired);
    }

    private static JsonNode abort(Fields v1) {
        JsonNode reason = v1.optional("abortReason");
        JsonNode by = v1.optional("abortedBy");
        if (reason.isNull()) {
            v1.requireUnset("abortedBy", by);
            return NullNode.instance;
        }
        return JSON.objectNode().<ObjectNode>set("by", by).set("reason", reason);
    }

    /**
     * The one request record of format 1 as the request of its operation. Its constructor made {@code promote}
     * true and {@code canaryStages} empty when not given, so those values are what "not given" looks like for
     * the operations that had no use for them.
     */
    private static JsonNode request(Fields r) {
        String operation = r.requiredText("operation");
        boolean promote = r.requiredBoolean("promote").booleanValue();
        JsonNode stages = r.required("canaryStages");
        JsonNode stageDuration = r.optional("stageDuration");
        JsonNode imageTag = r.optional("imageTag");
        JsonNode slot = r.optional("slot");
        JsonNode weights = r.optional("weights");
        JsonNode reason = r.optional("reason");
        JsonNode readiness = r.optional("readinessTimeout");
        JsonNode bake = r.optional("bakeTime");
        JsonNode scaleDown = r.optional("scaleDownOldAfter");
        JsonNode startedBy = r.optional("startedBy");
        r.requireAllMoved();
        ObjectNode v2 = JSON.objectNode().put("operation", operation);
        switch (operation) {
            case "DEPLOY" -> {
                v2.set("imageTag", imageTag);
                v2.put("promote", promote);
                // A stage duration without stages had no effect: format 1 ran no canary then.
                v2.set("canary", stages.isEmpty() ? NullNode.instance : canaryStages(stages, stageDuration));
                v2.set("readinessTimeout", readiness);
                v2.set("bakeTime", bake);
                v2.set("scaleDownOldAfter", scaleDown);
                refuse(operation, "slot", slot, "weights", weights, "reason", reason);
            }
            case "CANARY" -> {
                v2.set("stages", canaryStages(stages, stageDuration));
                v2.set("slot", slot);
                refuse(operation, "imageTag", imageTag, "weights", weights, "reason", reason);
            }
            case "SWITCH" -> {
                if (weights.isNull() == slot.isNull()) {
                    throw new SavedStateException("a switch request needs either 'request.weights' or"
                            + " 'request.slot', and has " + (weights.isNull() ? "neither." : "both."));
                }
                v2.set("weights", weights.isNull() ? allTo(slot) : weights);
                refuse(operation, "imageTag", imageTag, "reason", reason, "stageDuration", stageDuration);
            }
            case "ROLLBACK" -> {
                v2.set("slot", slot);
                v2.set("reason", reason);
                refuse(operation, "imageTag", imageTag, "weights", weights, "stageDuration", stageDuration);
            }
            default -> throw new SavedStateException("'request.operation' is '" + operation + "', which is not one"
                    + " this release knows.");
        }
        if (!operation.equals("DEPLOY")) {
            refuse(operation, "promote", promote ? NullNode.instance : JSON.booleanNode(false),
                    "readinessTimeout", readiness, "bakeTime", bake, "scaleDownOldAfter", scaleDown);
            refuse(operation, "canaryStages", operation.equals("CANARY") || stages.isEmpty() ? NullNode.instance
                    : stages);
        }
        v2.set("startedBy", startedBy);
        return v2;
    }

    /**
     * @param namesAndValues fields of the one request record that have no place in this operation's request: each
     *     must be null
     */
    private static void refuse(String operation, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            JsonNode value = (JsonNode) namesAndValues[i + 1];
            if (!value.isNull()) {
                throw new SavedStateException("'request." + namesAndValues[i] + "' is " + value + ", which a "
                        + operation + " request does not have.");
            }
        }
    }

    private static JsonNode canaryStages(JsonNode percents, JsonNode stageDuration) {
        return JSON.objectNode().<ObjectNode>set("percents", percents).set("stageDuration", stageDuration);
    }

    private static JsonNode allTo(JsonNode slot) {
        boolean blue = "BLUE".equals(slot.asText());
        return JSON.objectNode().put("blue", blue ? 100 : 0).put("green", blue ? 0 : 100);
    }

    /** The fields of one object of format 1, taken one by one, so that a field nobody took is noticed. */
    private static final class Fields {

        private final ObjectNode node;
        private final String path;

        Fields(ObjectNode node, String path) {
            this.node = node;
            this.path = path;
        }

        Fields(JsonNode node, String path) {
            this(requireObject(node, path), path);
        }

        JsonNode required(String name) {
            JsonNode value = node.remove(name);
            if (value == null || value.isNull()) {
                throw new SavedStateException("the field '" + path + name + "' is missing.");
            }
            return value;
        }

        /** The field's value, or null (a JSON null) when format 1 left it out. */
        JsonNode optional(String name) {
            JsonNode value = node.remove(name);
            return value == null ? NullNode.instance : value;
        }

        String requiredText(String name) {
            JsonNode value = required(name);
            if (!value.isTextual()) {
                throw new SavedStateException("'" + path + name + "' is " + value + ", not a text.");
            }
            return value.textValue();
        }

        JsonNode requiredInt(String name) {
            JsonNode value = required(name);
            if (!value.isInt()) {
                throw new SavedStateException("'" + path + name + "' is " + value + ", not a whole number.");
            }
            return value;
        }

        JsonNode requiredBoolean(String name) {
            JsonNode value = required(name);
            if (!value.isBoolean()) {
                throw new SavedStateException("'" + path + name + "' is " + value + ", not true or false.");
            }
            return value;
        }

        void requireUnset(String name, JsonNode value) {
            if (!value.isNull()) {
                throw new SavedStateException("'" + path + name + "' is set but the run had not read the production"
                        + " split ('splitBefore') or been asked to abort, which no release wrote.");
            }
        }

        void requireAllMoved() {
            Iterator<String> left = node.fieldNames();
            if (left.hasNext()) {
                throw new SavedStateException("unknown field '" + path + left.next() + "'.");
            }
        }

        private static ObjectNode requireObject(JsonNode node, String path) {
            if (!(node instanceof ObjectNode object)) {
                throw new SavedStateException("'" + path.substring(0, path.length() - 1) + "' is not an object.");
            }
            return object;
        }
    }
}
