package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import picocli.CommandLine;

/** {@code blue} or {@code green}, with the core's message for anything else. */
final class SlotConverter implements CommandLine.ITypeConverter<Slot> {

    @Override
    public Slot convert(String value) {
        try {
            return Slot.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
