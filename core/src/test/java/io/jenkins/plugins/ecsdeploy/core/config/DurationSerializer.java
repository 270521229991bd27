package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Duration;

/**
 * Writes durations as {@link DurationText} reads them ({@code 1h30m}); ISO-8601 only when there is a fraction of
 * a millisecond, which the short form cannot hold.
 */
final class DurationSerializer extends JsonSerializer<Duration> {

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        boolean wholeMillis = value.getNano() % 1_000_000 == 0;
        gen.writeString(wholeMillis && !value.isNegative() ? DurationText.format(value) : value.toString());
    }
}
