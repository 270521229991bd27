package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Duration;

/** Reads {@link DurationText} forms in YAML and JSON, so a bad value is reported with its field path. */
public final class DurationDeserializer extends JsonDeserializer<Duration> {

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : p.getValueAsString();
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
        }
    }
}
