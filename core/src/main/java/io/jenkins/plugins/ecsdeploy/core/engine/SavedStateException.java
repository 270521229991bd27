package io.jenkins.plugins.ecsdeploy.core.engine;

/**
 * A saved deployment state cannot be resumed as it is: a field is missing or unknown, or it was saved by a newer
 * release. The message names the field; nothing of the state is guessed or dropped.
 */
public class SavedStateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SavedStateException(String message) {
        super("Cannot resume the saved deployment state: " + message);
    }
}
