package io.jenkins.plugins.ecsdeploy;

import io.jenkins.plugins.ecsdeploy.runtime.EngineSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Shortens the deployment lock's settle delay to 100 ms for a test class, through
 * {@link EngineSession#LOCK_SETTLE_PROPERTY}: the default ten seconds would be added to every deployment a test
 * runs. The delay is still taken (CONFIRM_LOCK still comes a step after the lock is written), only shorter.
 * Restores the previous value afterwards. Jenkins runs in the test's JVM (JenkinsRule, JenkinsSessionExtension),
 * so a system property reaches it.
 */
public final class ShortLockSettle implements BeforeAllCallback, AfterAllCallback {

    static final String SETTLE = "100ms";

    private String previous;

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = System.setProperty(EngineSession.LOCK_SETTLE_PROPERTY, SETTLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (previous == null) {
            System.clearProperty(EngineSession.LOCK_SETTLE_PROPERTY);
        } else {
            System.setProperty(EngineSession.LOCK_SETTLE_PROPERTY, previous);
        }
    }
}
