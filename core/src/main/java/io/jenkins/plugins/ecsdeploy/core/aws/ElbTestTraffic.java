package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.TestTraffic;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The test listener (or its rule), pointed at one slot with the same forward weights as production. */
public final class ElbTestTraffic implements TestTraffic {

    private final ListenerWeights weights;
    private final ResolvedEnvironment env;

    public ElbTestTraffic(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        this.weights = new ListenerWeights(elb, env);
        this.env = env;
    }

    @Override
    public Optional<Slot> testTrafficSlot() {
        if (!env.hasTestListener()) {
            return Optional.empty();
        }
        TrafficSplit split = weights.read(env.testListenerArn(), env.testRuleArn());
        return Optional.of(split.soleSlot().orElseThrow(() -> new IllegalStateException("The test "
                + ListenerWeights.describe(env.testListenerArn(), env.testRuleArn()) + " splits traffic (" + split
                + ") instead of sending it all to one slot: point it at the idle slot before smoke checks.")));
    }

    @Override
    public void pointTestTrafficAt(Slot slot) {
        if (env.hasTestListener()) {
            weights.write(env.testListenerArn(), env.testRuleArn(), TrafficSplit.allTo(slot));
        }
    }
}
