package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** What the current phase waits for: its deadline, and the attempts it made; the attempts restart at each move. */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class PhaseWait {

    /** Deadline of the current waiting phase (readiness, verify read-back, bake, scale-down delay). */
    Instant deadline;
    /** Attempts made in the current phase (smoke check retries, read-backs, scale-down confirmations). */
    int attempts;
}
