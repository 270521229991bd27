package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** How far the new version got: its registered revision, the smoke checks it passed, and the bake's watch. */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class RolloutProgress {

    /** The task definition revision registered for the new image; null until registered. */
    String newTaskDefinitionArn;
    /** Smoke checks passed so far, which is the index of the one under way. */
    int smokeIndex;
    /** When the bake last saw the new slot healthy; a longer gap than a few polls is added to the bake. */
    Instant bakeWatchedAt;
}
