package io.jenkins.plugins.ecsdeploy.action;

import hudson.model.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live environment reads, kept {@link #TTL} per deployment. The build page asks for the live status from the
 * browser and the Rollback button checks against it; everyone who looks within the TTL shares one read, so viewers
 * of old builds cannot turn page views into a stream of ELB and ECS describe calls that AWS throttles per account
 * (starving the deployments that need them).
 */
final class LiveStatusCache {

    static final Duration TTL = Duration.ofSeconds(10);

    private record Cached(Instant readAt, LiveStatus status) {
    }

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private LiveStatusCache() {
    }

    /** The live status of {@code entry}'s environment, read at most once per TTL. */
    static LiveStatus get(Run<?, ?> run, DeploymentEntry entry) {
        Instant now = Instant.now();
        String key = run.getExternalizableId() + "/" + entry.getId();
        Cached c = CACHE.get(key);
        if (c != null && now.isBefore(c.readAt().plus(TTL))) {
            return c.status();
        }
        expire(now);
        // Two requests at the same moment may both read; that is bounded and simpler than making one wait.
        LiveStatus status = LiveStatus.read(entry.getTarget(), run);
        CACHE.put(key, new Cached(now, status));
        return status;
    }

    /** A Rollback just changed the environment: the next look reads again. */
    static void forget(Run<?, ?> run, DeploymentEntry entry) {
        CACHE.remove(run.getExternalizableId() + "/" + entry.getId());
    }

    private static void expire(Instant now) {
        for (Iterator<Cached> it = CACHE.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().readAt().plus(TTL))) {
                it.remove();
            }
        }
    }
}
