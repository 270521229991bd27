package io.jenkins.plugins.ecsdeploy.environment;

import hudson.util.FormValidation;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Field checks shared by the environment form, the steps' snippet forms and the freestyle builders. Each one
 * reuses the parser the deployment itself will use, so the form says exactly what a run would say.
 */
@Restricted(NoExternalUse.class)
public final class FormChecks {

    private FormChecks() {
    }

    public static FormValidation required(String value, String message) {
        return FieldText.trimmed(value) == null ? FormValidation.error(message) : FormValidation.ok();
    }

    public static FormValidation duration(String field, String value) {
        return check(() -> FieldText.duration(field, value));
    }

    public static FormValidation wholeNumber(String field, String value) {
        return check(() -> FieldText.integer(field, value));
    }

    public static FormValidation number(String field, String value) {
        return check(() -> FieldText.decimal(field, value));
    }

    /** Blank is fine (both slots are allowed); anything else must name a slot. */
    public static FormValidation slot(String value) {
        String v = FieldText.trimmed(value);
        return v == null ? FormValidation.ok() : check(() -> Slot.parse(v));
    }

    public static FormValidation weights(String value) {
        String v = FieldText.trimmed(value);
        return v == null ? FormValidation.ok() : check(() -> TrafficSplit.parse(v));
    }

    public static FormValidation percent(String field, String value) {
        FormValidation number = wholeNumber(field, value);
        if (number.kind != FormValidation.Kind.OK) {
            return number;
        }
        Integer p = FieldText.integer(field, value);
        if (p != null && (p < 1 || p > 100)) {
            return FormValidation.error(Messages.FormChecks_percentRange(field, p));
        }
        return FormValidation.ok();
    }

    /**
     * A YAML text area read as a deployment would read it: any error the reader raises (a syntax error, an unknown
     * field, a misplaced section) is shown with its message, which names the field.
     */
    public static FormValidation yaml(Runnable read) {
        try {
            read.run();
            return FormValidation.ok();
        } catch (RuntimeException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static FormValidation check(Runnable parse) {
        try {
            parse.run();
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
