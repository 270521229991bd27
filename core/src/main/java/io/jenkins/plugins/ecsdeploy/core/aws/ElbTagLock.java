package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHeldException;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * A {@link DeploymentLock} kept in a tag ({@link LockTag#KEY}) on the resource the environment steers: the
 * production rule when one is configured, the production listener otherwise. Two environments that steer different
 * rules of one listener lock separately, as they change different things.
 *
 * <p>See {@link DeploymentLock} for why the protocol reads back after a delay: ELB's AddTags overwrites
 * unconditionally, and between DescribeTags and AddTags (or RemoveTags) another writer can always slip in.
 */
public final class ElbTagLock implements DeploymentLock {

    private final ElasticLoadBalancingV2Client elb;
    private final String resource;
    private final String configField;

    public ElbTagLock(ElasticLoadBalancingV2Client elb, ResolvedEnvironment env) {
        this.elb = elb;
        this.resource = env.ruleArn() != null ? env.ruleArn() : env.listenerArn();
        this.configField = env.ruleArn() != null ? "listener.rulePriority" : "listener";
    }

    @Override
    public String resource() {
        return resource;
    }

    @Override
    public Optional<LockHolder> current() {
        return read(LockTag.KEY).map(LockTag::decode);
    }

    @Override
    public LockHolder acquire(LockHolder wanted, Instant now) {
        // Compare as stored: a long id is cut in the tag.
        LockHolder stored = LockTag.decode(LockTag.encode(wanted));
        Optional<LockHolder> held = current();
        if (held.isPresent() && !held.get().sameDeployment(stored) && !held.get().isExpired(now)) {
            throw new LockHeldException("Another deployment holds the lock on " + resource + ": "
                    + held.get().describe() + ". Wait for it to finish; if it is dead, break its lock with"
                    + " `ecs-deploy unlock -c <env.yaml> --force --reason \"...\"`"
                    + (held.get().expires() == null ? "." : " or wait until it expires."), held.get());
        }
        return write(wanted);
    }

    @Override
    public void confirm(LockHolder ours) {
        Optional<LockHolder> held = current();
        if (!held.equals(Optional.of(ours))) {
            throw lost(held, "Lost the race for the deployment lock on " + resource);
        }
    }

    @Override
    public LockHolder renew(LockHolder ours, Instant now, Duration ttl) {
        if (Duration.between(now, ours.expires()).compareTo(ttl.dividedBy(2)) > 0) {
            return ours;
        }
        Optional<LockHolder> held = current();
        if (held.isEmpty() || !held.get().sameDeployment(ours)) {
            throw lost(held, "This run no longer holds the deployment lock on " + resource);
        }
        return write(ours.expiringAt(now.plus(ttl)));
    }

    @Override
    public boolean release(LockHolder ours) {
        Map<String, String> tags = tags();
        Optional<LockHolder> held = Optional.ofNullable(tags.get(LockTag.KEY)).map(LockTag::decode);
        if (held.isEmpty() || !held.get().sameDeployment(ours)) {
            return false;
        }
        // The note of a rollback that pre-empted this run goes with its lock: it has been read.
        String note = tags.get(LockTag.PREEMPTED_KEY);
        if (note != null && LockTag.preemptionOf(note, ours).isPresent()) {
            remove(LockTag.KEY, LockTag.PREEMPTED_KEY);
        } else {
            remove(LockTag.KEY);
        }
        return true;
    }

    @Override
    public void markPreempted(LockHolder victim, String rollbackId, String by, String reason, Instant now) {
        String record = LockTag.preemptionRecord(victim, now, rollbackId, by, reason);
        AwsErrors.call("elasticloadbalancing:AddTags", resource, configField, () -> elb.addTags(b -> b
                .resourceArns(resource).tags(Tag.builder().key(LockTag.PREEMPTED_KEY).value(record).build())));
    }

    @Override
    public Optional<String> preemption(LockHolder ours) {
        return read(LockTag.PREEMPTED_KEY).flatMap(note -> LockTag.preemptionOf(note, ours));
    }

    @Override
    public Optional<LockHolder> breakLock(String by, String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Breaking a deployment lock needs a reason, for whoever held it.");
        }
        Optional<LockHolder> held = current();
        if (held.isPresent()) {
            String record = LockTag.brokenRecord(by == null ? "unknown" : by, now, held.get(), reason.strip());
            AwsErrors.call("elasticloadbalancing:AddTags", resource, configField, () -> elb.addTags(b -> b
                    .resourceArns(resource).tags(Tag.builder().key(LockTag.BROKEN_KEY).value(record).build())));
            remove();
        }
        return held;
    }

    private LockHolder write(LockHolder holder) {
        String value = LockTag.encode(holder);
        AwsErrors.call("elasticloadbalancing:AddTags", resource, configField, () -> elb.addTags(b -> b
                .resourceArns(resource).tags(Tag.builder().key(LockTag.KEY).value(value).build())));
        return LockTag.decode(value);
    }

    private void remove() {
        remove(LockTag.KEY);
    }

    private void remove(String... keys) {
        AwsErrors.call("elasticloadbalancing:RemoveTags", resource, configField,
                () -> elb.removeTags(b -> b.resourceArns(resource).tagKeys(keys)));
    }

    private Optional<String> read(String key) {
        return Optional.ofNullable(tags().get(key));
    }

    /** The resource's tags, in one DescribeTags call. */
    private Map<String, String> tags() {
        Map<String, String> tags = new HashMap<>();
        AwsErrors.call("elasticloadbalancing:DescribeTags", resource, configField,
                () -> elb.describeTags(b -> b.resourceArns(resource))).tagDescriptions().stream()
                .filter(d -> resource.equals(d.resourceArn()))
                .map(TagDescription::tags).flatMap(java.util.List::stream)
                .forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private LockHeldException lost(Optional<LockHolder> held, String what) {
        String now = held.map(h -> "; it is now held by " + h.describe()).orElse("; nobody holds it now");
        return new LockHeldException(what + now + ". Stopping before any further change.", held.orElse(null));
    }
}
