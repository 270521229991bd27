package io.jenkins.plugins.ecsdeploy.core.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reads the record sets of one name in a hosted zone, of every type: ListResourceRecordSets from that name, page by
 * page, until the listing reaches another name (the API lists in name order, so a name's sets are adjacent).
 */
final class Route53RecordSets {

    private Route53RecordSets() {
    }

    /**
     * @param fqdn the name, lower case with the final dot
     * @param configField the config field named when the zone is not found
     */
    static List<ResourceRecordSet> named(Route53Client route53, String zoneId, String fqdn, String configField) {
        List<ResourceRecordSet> found = new ArrayList<>();
        String startName = fqdn;
        String startType = null;
        String startId = null;
        while (true) {
            String name = startName;
            String type = startType;
            String id = startId;
            ListResourceRecordSetsResponse page = AwsErrors.call("route53:ListResourceRecordSets", zoneId,
                    configField, () -> route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
                            .startRecordName(name).startRecordType(type).startRecordIdentifier(id)));
            for (ResourceRecordSet set : page.resourceRecordSets()) {
                if (!fqdn.equals(normalise(set.name()))) {
                    return found;
                }
                found.add(set);
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return found;
            }
            startName = page.nextRecordName();
            startType = page.nextRecordTypeAsString();
            startId = page.nextRecordIdentifier();
        }
    }

    /** Lower case with the final dot, as names are compared. */
    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
