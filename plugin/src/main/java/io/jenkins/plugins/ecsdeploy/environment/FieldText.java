package io.jenkins.plugins.ecsdeploy.environment;

import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Reads the text of form fields into typed values. Blank means "not set" (the core default applies); anything
 * else that cannot be read fails with the field's name, so the user knows which box to fix.
 */
@Restricted(NoExternalUse.class)
public final class FieldText {

    private FieldText() {
    }

    /** Null for blank, otherwise the trimmed text. */
    public static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static Duration duration(String field, String value) {
        String v = trimmed(value);
        if (v == null) {
            return null;
        }
        try {
            return DurationText.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.FieldText_bad(field, e.getMessage()), e);
        }
    }

    public static Integer integer(String field, String value) {
        String v = trimmed(value);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.FieldText_notWholeNumber(field, v), e);
        }
    }

    public static Long longValue(String field, String value) {
        Integer i = integer(field, value);
        return i == null ? null : i.longValue();
    }

    public static Double decimal(String field, String value) {
        String v = trimmed(value);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.FieldText_notNumber(field, v), e);
        }
    }

    /** Names separated by commas or new lines (alarm names, stage percentages). */
    public static List<String> list(String value) {
        String v = trimmed(value);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split("[,\\n\\r]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
