package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Where the canary is: the stage under way, when it ends, and the start of the next interval to analyse. */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class CanaryProgress {

    /** Index into the canary stages. */
    int stageIndex;
    Instant stageEndsAt;
    Instant intervalStart;
}
