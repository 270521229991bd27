package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.Route53Config;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Checks, with read-only calls, that the configured weighted records exist and can carry a blue/green split: the
 * zone holds the name, both set identifiers name weighted records of the configured type, and no third weighted
 * record of the name takes traffic the split would not account for.
 */
final class Route53Preflight {

    /** What Route 53 answers alias records with, for AWS targets, when the record itself has no TTL. */
    static final long ALIAS_TTL_SECONDS = 60;

    private final Route53Client route53;
    private final Problems problems;

    Route53Preflight(Route53Client route53, Problems problems) {
        this.route53 = route53;
        this.problems = problems;
    }

    /** The records, or null when a problem was recorded. */
    WeightedRecords resolve(Route53Config config) {
        String zoneId = config.zoneId();
        String name = config.fqdn();
        HostedZone zone = problems.read(() -> AwsErrors.call("route53:GetHostedZone", zoneId,
                "route53.hostedZoneId", () -> route53.getHostedZone(b -> b.id(zoneId))).hostedZone());
        if (zone == null) {
            return null;
        }
        String zoneName = Route53RecordSets.normalise(zone.name());
        if (!name.equals(zoneName) && !name.endsWith("." + zoneName)) {
            problems.add("route53.recordName " + name + " is not in hosted zone " + zoneId + " (" + zoneName + "):"
                    + " give the zone that holds the name, or a name under " + zoneName);
            return null;
        }
        List<ResourceRecordSet> all = problems.read(() -> Route53RecordSets.named(route53, zoneId, name,
                "route53.hostedZoneId"));
        if (all == null) {
            return null;
        }
        List<ResourceRecordSet> sets = all.stream().filter(s -> config.recordType().equals(s.typeAsString())).toList();
        if (sets.isEmpty()) {
            String others = all.stream().map(ResourceRecordSet::typeAsString).distinct().collect(Collectors.joining(
                    ", "));
            problems.add("route53: zone " + zoneId + " has no " + config.recordType() + " record named " + name
                    + (others.isEmpty() ? "" : " (it has " + others + " records of that name: is recordType right?)")
                    + ". Create the two weighted records (see docs/route53.md for a Terraform example).");
            return null;
        }
        boolean found = true;
        long ttl = 0;
        for (Slot slot : Slot.values()) {
            String id = config.setIdentifiers().get(slot);
            ResourceRecordSet set = sets.stream().filter(s -> id.equals(s.setIdentifier())).findFirst().orElse(null);
            if (set == null) {
                problems.add("route53.setIdentifiers." + slot.id() + ": no " + config.recordType() + " record "
                        + name + " has set identifier '" + id + "'; those there are: " + identifiers(sets) + ".");
                found = false;
            } else if (set.weight() == null) {
                problems.add("route53.setIdentifiers." + slot.id() + ": record " + name + " '" + id + "' is not a"
                        + " weighted record (it has no Weight; its routing policy is another one): make both records"
                        + " weighted, with set identifiers and weights.");
                found = false;
            } else {
                ttl = Math.max(ttl, set.aliasTarget() != null || set.ttl() == null ? ALIAS_TTL_SECONDS : set.ttl());
            }
        }
        if (!found) {
            return null;
        }
        for (ResourceRecordSet other : sets) {
            boolean ours = config.setIdentifiers().blue().equals(other.setIdentifier())
                    || config.setIdentifiers().green().equals(other.setIdentifier());
            if (!ours && other.weight() != null && other.weight() > 0) {
                problems.add("route53: a third weighted record " + name + " '" + other.setIdentifier() + "' has"
                        + " weight " + other.weight() + ": it takes traffic the blue/green split does not account"
                        + " for. Set its weight to 0 or delete it.");
                found = false;
            }
        }
        return found ? new WeightedRecords(zoneId, name, config.recordType(), config.setIdentifiers().blue(),
                config.setIdentifiers().green(), ttl) : null;
    }

    private static String identifiers(List<ResourceRecordSet> sets) {
        String ids = sets.stream().filter(s -> s.setIdentifier() != null).map(s -> "'" + s.setIdentifier() + "'")
                .collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none (the record is not weighted)" : ids;
    }
}
