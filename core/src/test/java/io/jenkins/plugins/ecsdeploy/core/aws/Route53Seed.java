package io.jenkins.plugins.ecsdeploy.core.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/** Puts a hosted zone and weighted records into an emulator, and reads them back, with a client of its own. */
final class Route53Seed implements AutoCloseable {

    final Route53Client route53;

    Route53Seed(String endpoint) {
        route53 = Route53Client.builder().endpointOverride(URI.create(endpoint)).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing"))).build();
    }

    /** A zone {@code example.com}; returns its id without {@code /hostedzone/}. */
    String zone() {
        String id = route53.createHostedZone(b -> b.name("example.com").callerReference("seed-" + System.nanoTime()))
                .hostedZone().id();
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** Weighted CNAME records {@code api.example.com}: blue to blue.example.net, green to green.example.net. */
    void weightedCnames(String zone, long blueWeight, long greenWeight, long ttl) {
        upsert(zone, cname("api-blue", blueWeight, "blue.example.net", ttl), cname("api-green", greenWeight,
                "green.example.net", ttl));
    }

    static ResourceRecordSet cname(String setId, Long weight, String value, long ttl) {
        return ResourceRecordSet.builder().name("api.example.com").type("CNAME").setIdentifier(setId).weight(weight)
                .ttl(ttl).resourceRecords(r -> r.value(value)).build();
    }

    void upsert(String zone, ResourceRecordSet... sets) {
        List<Change> changes = new ArrayList<>();
        for (ResourceRecordSet set : sets) {
            changes.add(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(set).build());
        }
        route53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(c -> c.changes(changes)));
    }

    /** The record set of {@code api.example.com} with {@code setId}, as the emulator holds it. */
    ResourceRecordSet record(String zone, String setId) {
        return route53.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets().stream()
                .filter(s -> setId.equals(s.setIdentifier())).findFirst().orElseThrow();
    }

    List<Tag> tags(String zone) {
        return route53.listTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zone))
                .resourceTagSet().tags();
    }

    @Override
    public void close() {
        route53.close();
    }
}
