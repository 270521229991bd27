package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Where each slot's weighted record points: its values, or its alias target's DNS name. */
public final class Route53RecordTargets {

    private Route53RecordTargets() {
    }

    /** Each slot's target, read with one listing. */
    public static Map<Slot, String> read(Route53Client route53, WeightedRecords records) {
        Map<Slot, String> targets = new EnumMap<>(Slot.class);
        new Route53WeightedPair(route53, records).read().forEach((slot, set) -> targets.put(slot, target(set)));
        return targets;
    }

    static String target(ResourceRecordSet set) {
        if (set.aliasTarget() != null) {
            return "alias " + set.aliasTarget().dnsName();
        }
        return set.resourceRecords().stream().map(ResourceRecord::value).collect(Collectors.joining(","));
    }
}
