package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Instant;

/** What the run did to production traffic, and what it expects the listener to show. */
@JsonInclude(JsonInclude.Include.ALWAYS)
final class TrafficProgress {

    /** Whether production traffic has moved in this run; decides between FAILED and a rollback. */
    boolean moved;
    /** The split the run is moving to now (canary share, switch target, rollback); verified by reading it back. */
    TrafficSplit wanted;
    /** When a read first showed another split than {@link #wanted}; null while they agree. */
    Instant mismatchSince;
    /**
     * The router's token for the last write while it is not known to be in sync (a Route 53 change id); null
     * otherwise. Optional in the saved state: a state saved without it has nothing to wait for.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    String changeId;
}
