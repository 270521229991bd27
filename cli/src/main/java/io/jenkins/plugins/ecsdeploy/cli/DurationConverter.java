package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 5m}, {@code 1h30m} on the command line, like the config file does. */
enum DurationConverter implements CommandLine.ITypeConverter<Duration> {
    INSTANCE;

    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
