package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.TrafficRouter;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Steers production traffic with the forward weights of an Application Load Balancer listener's default action, or
 * of the rule the environment names.
 */
public final class ElbTrafficRouter implements TrafficRouter {

    private final ListenerWeights weights;
    private final ResolvedEnvironment env;

    public ElbTrafficRouter(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        this.weights = new ListenerWeights(elb, env);
        this.env = env;
    }

    @Override
    public TrafficSplit currentSplit() {
        return weights.read(env.listenerArn(), env.ruleArn());
    }

    @Override
    public void applySplit(TrafficSplit split) {
        weights.write(env.listenerArn(), env.ruleArn(), split);
    }

    @Override
    public void prepareWrite() {
        weights.prepareWrite(env.listenerArn(), env.ruleArn());
    }
}
