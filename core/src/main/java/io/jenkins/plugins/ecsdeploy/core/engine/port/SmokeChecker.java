package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.config.SmokeCheckConfig;

/** Makes one attempt of a smoke check; the engine spreads retries over its steps instead of sleeping. */
@FunctionalInterface
public interface SmokeChecker {

    /**
     * @param expectedVersion the image tag just deployed, for checks that compare a version header or body
     * @param attempt 1 for the first attempt
     */
    SmokeResult attempt(SmokeCheckConfig check, String expectedVersion, int attempt);
}
