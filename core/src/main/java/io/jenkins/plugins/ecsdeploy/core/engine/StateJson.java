package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes deployment states and records as JSON, for files, build.xml fields and the CLI's output. A
 * saved state carries its format ({@code schemaVersion}); one saved by an earlier release is migrated, and a field
 * that is missing or unknown is an error that names it.
 */
public final class StateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // The requests' durations are read back by DurationDeserializer, which takes ISO-8601, not seconds.
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Output (records, status) may be read by tools that know fewer fields; a saved state is read strictly.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectReader STATE = MAPPER.readerFor(DeploymentState.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StateJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, for JSON-lines output. */
    public static String writeLine(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a state saved by this release or an earlier one.
     *
     * @throws UncheckedIOException when the text is not JSON
     * @throws SavedStateException naming the field that is missing or unknown, or the newer format it was saved in
     */
    public static DeploymentState readState(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read saved deployment state: " + e.getMessage(), e);
        }
        JsonNode current = StateMigrations.toCurrent(tree);
        StateShape.require(current);
        try {
            return STATE.treeToValue(current, DeploymentState.class);
        } catch (JsonMappingException e) {
            throw new SavedStateException("'" + path(e) + "' cannot be read: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SavedStateException(e.getOriginalMessage());
        }
    }

    /** Where in the state a value could not be read, e.g. {@code record.transitions[2].to}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
