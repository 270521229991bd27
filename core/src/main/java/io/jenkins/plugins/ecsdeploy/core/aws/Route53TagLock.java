package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The deployment lock of an environment steered by Route 53, kept in a tag on the hosted zone. A zone holds many
 * names, so the tag key names the record: {@code ecs-deploy:lock:api.example.com}; two environments on different
 * names of one zone lock separately; each run's own hold is under {@code ecs-deploy:lock:api.example.com/<id>}
 * (see {@link TagLock}). Tag values share ELB's alphabet and limit, so {@link LockTag}'s encoding fits.
 */
public final class Route53TagLock extends TagLock {

    /** Route 53's limit on a tag key. */
    static final int MAX_KEY = LockTag.MAX_KEY;
    /** Room left in a run's own lock key for its deployment id: a usual id fits whole. */
    private static final int HOLDER_PREFIX = MAX_KEY - 40;

    private final Route53Client route53;
    private final String zoneId;

    public Route53TagLock(Route53Client route53, WeightedRecords records) {
        super("hosted zone " + records.hostedZoneId() + " (tag " + key(LockTag.KEY, records.recordName()) + ")",
                key(LockTag.KEY, records.recordName()), key(LockTag.KEY, records.recordName(), HOLDER_PREFIX) + "/",
                key(LockTag.BROKEN_KEY, records.recordName()),
                key(LockTag.PREEMPTED_KEY, records.recordName()));
        this.route53 = route53;
        this.zoneId = records.hostedZoneId();
    }

    /** {@code prefix:name}, the name without its final dot; a name too long for a key is cut and hashed. */
    static String key(String prefix, String recordName) {
        return key(prefix, recordName, MAX_KEY);
    }

    /** As {@link #key(String, String)}, within {@code max} characters. */
    static String key(String prefix, String recordName, int max) {
        String name = recordName.endsWith(".") ? recordName.substring(0, recordName.length() - 1) : recordName;
        String key = prefix + ":" + name;
        if (key.length() <= max) {
            return key;
        }
        String hash = LockTag.hash16(name);
        return key.substring(0, max - hash.length() - 1) + "~" + hash;
    }

    @Override
    protected Map<String, String> readTags() {
        Map<String, String> tags = new HashMap<>();
        AwsErrors.call("route53:ListTagsForResource", zoneId, "route53.hostedZoneId",
                () -> route53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)))
                .resourceTagSet().tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    @Override
    protected void writeTag(String key, String value) {
        AwsErrors.call("route53:ChangeTagsForResource", zoneId, "route53.hostedZoneId",
                () -> route53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                        .addTags(Tag.builder().key(key).value(value).build())));
    }

    @Override
    protected void removeTags(String... keys) {
        AwsErrors.call("route53:ChangeTagsForResource", zoneId, "route53.hostedZoneId",
                () -> route53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                        .removeTagKeys(keys)));
    }
}
