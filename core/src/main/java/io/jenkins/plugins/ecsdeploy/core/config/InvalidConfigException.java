package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found, so that one round of edits can fix them all.
 */
public class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * @param source what was read, e.g. a file name; shown at the start of the message
     * @param problems at least one problem
     */
    public InvalidConfigException(String source, List<ConfigProblem> problems) {
        super(describe(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        String where = source == null || source.isBlank() ? "" : " in " + source;
        if (problems.size() == 1) {
            return "Invalid configuration" + where + ": " + problems.get(0);
        }
        return "Invalid configuration" + where + " (" + problems.size() + " problems):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
