package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.Optional;

/**
 * Steers traffic between the two slots. The ALB implementation changes listener or rule forward weights; other
 * routers (Route 53 weighted records, CodeDeploy, ECS-native strategies) can implement the same contract.
 * Every method reads from or writes to AWS; nothing is cached except resource identifiers.
 */
public interface TrafficRouter {

    /** The production split as AWS reports it now. */
    TrafficSplit currentSplit();

    /** Sets the production split with one modify call. Does not verify: callers read back with {@link #currentSplit}. */
    void applySplit(TrafficSplit split);

    /** The slot the test listener sends all its traffic to, or empty when there is no test listener. */
    Optional<Slot> testTrafficSlot();

    /** Points the test listener (or rule) at {@code slot}; does nothing when there is no test listener. */
    void pointTestTrafficAt(Slot slot);

    /** Health of the targets registered in the slot's target group. */
    TargetHealthSummary targetHealth(Slot slot);
}
