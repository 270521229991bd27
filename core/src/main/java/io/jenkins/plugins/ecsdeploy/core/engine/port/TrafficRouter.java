package io.jenkins.plugins.ecsdeploy.core.engine.port;

import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;

/**
 * Sets the production split between the two slots, and reads it back so the engine can verify a write. The ALB
 * implementation changes listener or rule forward weights; other routers (Route 53 weighted records, CodeDeploy,
 * ECS-native strategies) can implement the same pair. Both methods call AWS; nothing is cached.
 */
public interface TrafficRouter {

    /** The production split as AWS reports it now. */
    TrafficSplit currentSplit();

    /** Sets the production split with one write. Does not verify: callers read back with {@link #currentSplit}. */
    void applySplit(TrafficSplit split);
}
