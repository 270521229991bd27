package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Task definition revisions: stored as the RegisterTaskDefinition body, described as ECS describes them. */
final class TaskDefinitions {

    private TaskDefinitions() {}

    /** Stores {@code body} as the family's next revision and returns its ARN. */
    static String register(FakeAwsState s, ObjectNode body, Instant now) {
        String family = body.path("family").asText("");
        if (!family.matches("[A-Za-z0-9_-]{1,255}")) {
            throw AwsError.client("ClientException", "Family '" + family + "' is missing or contains invalid "
                    + "characters: up to 255 letters, numbers, hyphens and underscores are allowed.");
        }
        JsonNode containers = body.path("containerDefinitions");
        if (!containers.isArray() || containers.isEmpty()) {
            throw AwsError.client("ClientException", "Container list cannot be empty.");
        }
        for (JsonNode container : containers) {
            if (container.path("name").asText("").isEmpty() || container.path("image").asText("").isEmpty()) {
                throw AwsError.client("ClientException", "Container.name and Container.image should not be null "
                        + "or empty.");
            }
        }
        int revision = s.taskDefinitions.keySet().stream().filter(arn -> familyOf(arn).equals(family))
                .mapToInt(TaskDefinitions::revisionOf).max().orElse(0) + 1;
        String arn = "arn:aws:ecs:" + s.region + ":" + s.account + ":task-definition/" + family + ":" + revision;
        ObjectNode stored = body.deepCopy();
        stored.put("registeredAt", now.getEpochSecond());
        s.taskDefinitions.put(arn, stored);
        return arn;
    }

    /** The ARN of {@code ref}: an ARN, {@code family:revision}, or a family (its latest revision). */
    static Optional<String> resolve(FakeAwsState s, String ref) {
        if (s.taskDefinitions.containsKey(ref)) {
            return Optional.of(ref);
        }
        String name = ref.contains(":task-definition/") ? ref.substring(ref.indexOf(":task-definition/") + 17) : ref;
        return s.taskDefinitions.keySet().stream()
                .filter(arn -> name.contains(":") ? arn.endsWith("/" + name) : familyOf(arn).equals(name))
                .max(Comparator.comparingInt(TaskDefinitions::revisionOf));
    }

    /** The DescribeTaskDefinition / RegisterTaskDefinition reply for a stored revision. */
    static ObjectNode reply(FakeAwsState s, String arn, boolean withTags) {
        ObjectNode stored = s.taskDefinitions.get(arn);
        ObjectNode definition = stored.deepCopy();
        definition.remove("tags");
        definition.put("taskDefinitionArn", arn).put("revision", revisionOf(arn)).put("status", "ACTIVE");
        ArrayNode compatibilities = definition.putArray("compatibilities").add("EC2");
        if (stored.path("requiresCompatibilities").toString().contains("FARGATE")) {
            compatibilities.add("FARGATE");
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.set("taskDefinition", definition);
        if (withTags) {
            reply.set("tags", stored.has("tags") ? stored.get("tags").deepCopy() : JSON.createArrayNode());
        }
        return reply;
    }

    /** The stored registration body without the bookkeeping the fake adds. */
    static ObjectNode body(FakeAwsState s, String arn) {
        ObjectNode body = s.taskDefinitions.get(arn).deepCopy();
        body.remove("registeredAt");
        return body;
    }

    static String familyOf(String arn) {
        String name = arn.substring(arn.indexOf(":task-definition/") + 17);
        return name.substring(0, name.lastIndexOf(':'));
    }

    static int revisionOf(String arn) {
        return Integer.parseInt(arn.substring(arn.lastIndexOf(':') + 1));
    }
}
