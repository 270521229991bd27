package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;

/** Turns whatever stopped a step into one sentence for the log and the record; never a bare class name. */
final class FailureMessages {

    private FailureMessages() {
    }

    static String of(RuntimeException e) {
        if ((e instanceof DeploymentFailure || e instanceof AwsFailure || e instanceof PreflightException
                || e instanceof IllegalArgumentException) && e.getMessage() != null) {
            return sentence(e.getMessage());
        }
        // An unexpected error is a bug of ours; say so, with enough to report it.
        String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
        return "Internal error " + e.getClass().getSimpleName() + detail + " (please report it).";
    }

    /**
     * Ends the text with a full stop, so that the next sentence of a message does not run into it: AWS's own text,
     * quoted at the end of many messages, often has none.
     */
    static String sentence(String text) {
        if (text == null || text.isBlank()) {
            return "No reason was given.";
        }
        String t = text.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}
