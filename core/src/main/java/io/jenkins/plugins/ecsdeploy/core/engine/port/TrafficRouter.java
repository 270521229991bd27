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

    /**
     * Makes now the read that the next {@link #applySplit} of this step would make before its write (the forward
     * action the write rewrites, the records it copies), and keeps it for that write: so that a caller can make it
     * at the same time as another read. Nothing where a write reads nothing first.
     */
    default void prepareWrite() {
        // A router whose write needs no read has nothing to prepare.
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
