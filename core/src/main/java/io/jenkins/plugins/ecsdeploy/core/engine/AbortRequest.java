package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Someone asked the run to stop; the next step rolls back, or stops if traffic never moved.
 *
 * @param by who asked, or null when the caller did not say
 * @param reason why, never null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record AbortRequest(String by, String reason) {
}
