package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * A deployment lock kept in tags ({@code ecs-deploy:lock/<deployment id>}, see {@link TagLock}) on the resource the environment steers: the production rule
 * when one is configured, the production listener otherwise. Two environments that steer different rules of one
 * listener lock separately, as they change different things.
 */
public final class ElbTagLock extends TagLock {

    private final ElasticLoadBalancingV2Client elb;
    private final String arn;
    private final String configField;

    public ElbTagLock(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        super(env.ruleArn() != null ? env.ruleArn() : env.listenerArn(), LockTag.KEY, LockTag.KEY + "/",
                LockTag.BROKEN_KEY, LockTag.PREEMPTED_KEY);
        this.elb = elb;
        this.arn = resource();
        this.configField = env.ruleArn() != null ? "listener.rulePriority" : "listener";
    }

    @Override
    protected Map<String, String> readTags() {
        Map<String, String> tags = new HashMap<>();
        AwsErrors.call("elasticloadbalancing:DescribeTags", arn, configField,
                () -> elb.describeTags(b -> b.resourceArns(arn))).tagDescriptions().stream()
                .filter(d -> arn.equals(d.resourceArn()))
                .map(TagDescription::tags).flatMap(List::stream)
                .forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    @Override
    protected void writeTag(String key, String value) {
        AwsErrors.call("elasticloadbalancing:AddTags", arn, configField, () -> elb.addTags(b -> b
                .resourceArns(arn).tags(Tag.builder().key(key).value(value).build())));
    }

    @Override
    protected void removeTags(String... keys) {
        AwsErrors.call("elasticloadbalancing:RemoveTags", arn, configField,
                () -> elb.removeTags(b -> b.resourceArns(arn).tagKeys(keys)));
    }
}
