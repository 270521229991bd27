package io.jenkins.plugins.ecsdeploy.core.config;

/** What an analysis interval concludes about a metric for which CloudWatch returned no data points. */
public enum NoDataPolicy {
    PASS,
    FAIL,
    INCONCLUSIVE
}
