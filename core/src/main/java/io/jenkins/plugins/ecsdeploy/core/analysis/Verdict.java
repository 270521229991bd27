package io.jenkins.plugins.ecsdeploy.core.analysis;

/** The conclusion about a metric, an interval or a stage. */
public enum Verdict {
    PASS,
    FAIL,
    INCONCLUSIVE
}
