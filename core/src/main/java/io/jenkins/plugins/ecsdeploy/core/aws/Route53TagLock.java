package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * The deployment lock of an environment steered by Route 53, kept in a tag on the hosted zone. A zone holds many
 * names, so the tag key names the record: {@code ecs-deploy:lock:api.example.com}; two environments on different
 * names of one zone lock separately. Tag values share ELB's alphabet and limit, so {@link LockTag}'s encoding fits.
 */
public final class Route53TagLock extends TagLock {

    /** Route 53's limit on a tag key. */
    static final int MAX_KEY = 128;

    private final Route53Client route53;
    private final String zoneId;

    public Route53TagLock(Route53Client route53, WeightedRecords records) {
        super("hosted zone " + records.hostedZoneId() + " (tag " + key(LockTag.KEY, records.recordName()) + ")",
                key(LockTag.KEY, records.recordName()), key(LockTag.BROKEN_KEY, records.recordName()),
                key(LockTag.PREEMPTED_KEY, records.recordName()));
        this.route53 = route53;
        this.zoneId = records.hostedZoneId();
    }

    /** {@code prefix:name}, the name without its final dot; a name too long for a key is cut and hashed. */
    static String key(String prefix, String recordName) {
        String name = recordName.endsWith(".") ? recordName.substring(0, recordName.length() - 1) : recordName;
        String key = prefix + ":" + name;
        if (key.length() <= MAX_KEY) {
            return key;
        }
        String hash = sha256(name).substring(0, 16);
        return key.substring(0, MAX_KEY - hash.length() - 1) + "~" + hash;
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
