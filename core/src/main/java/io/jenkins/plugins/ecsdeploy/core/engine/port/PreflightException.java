package io.jenkins.plugins.ecsdeploy.core.engine.port;

import java.util.List;

/** The environment's AWS resources are not as the config says; nothing was changed in AWS. */
public class PreflightException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super("Preflight failed, nothing was changed in AWS:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
