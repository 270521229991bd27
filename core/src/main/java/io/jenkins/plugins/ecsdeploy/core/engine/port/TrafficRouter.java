package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;

/**
 * Sets the production split between the two slots, and reads it back so the engine can verify a write. The ALB
 * implementation changes listener or rule forward weights; the Route 53 one the weights of two weighted records;
 * other routers (CodeDeploy, ECS-native strategies) can implement the same pair. Both methods call AWS; nothing is
 * cached.
 */
public interface TrafficRouter {

    /** The production split as AWS reports it now. */
    TrafficSplit currentSplit();

    /** Sets the production split with one write. Does not verify: callers read back with {@link #currentSplit}. */
    void applySplit(TrafficSplit split);

    /**
     * Sets the split like {@link #applySplit}, and returns a token for {@link #inSync} when AWS goes on applying
     * the write after it reads back (Route 53's change id), or null when reading it back is proof enough (ALB).
     */
    default String applySplitTracked(TrafficSplit split) {
        applySplit(split);
        return null;
    }

    /** Whether the write {@code token} names has reached every server that answers for traffic. */
    default boolean inSync(String token) {
        return true;
    }

    /**
     * How long clients may go on using the previous split after the new one is in sync: resolvers cache a DNS
     * answer for the records' TTL. Zero for a load balancer, which applies weights to the next request.
     */
    default Duration clientCache() {
        return Duration.ZERO;
    }

    /** Who is asked for a split, for messages: "asked the load balancer for blue=90%, green=10%". */
    default String writesTo() {
        return "the load balancer";
    }

    /** Where a split is read back, for messages: "verified on the listener". */
    default String readsFrom() {
        return "the listener";
    }
}
