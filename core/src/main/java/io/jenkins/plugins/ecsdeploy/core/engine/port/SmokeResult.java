package io.jenkins.plugins.ecsdeploy.core.engine.port;

import java.time.Instant;

/**
 * One attempt of one smoke check.
 *
 * @param status the HTTP status, or 0 when no response came
 * @param latencyMillis time to the full response, or -1 when no response came
 * @param detail why it failed, in words; "ok" when it passed
 */
public record SmokeResult(String url, int attempt, Instant at, boolean passed, int status, long latencyMillis,
        String detail) {
}
