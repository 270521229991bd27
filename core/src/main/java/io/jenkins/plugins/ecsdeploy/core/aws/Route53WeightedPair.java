package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import io.jenkins.plugins.ecsdeploy.core.model.WeightedRecords;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The two weighted records of an environment, read and written as one split.
 *
 * <p>Weights: a slot's share in percent is written as its record's weight (0-100, inside Route 53's 0-255), so
 * that Route 53's share, weight / sum of weights, is exactly the percentage. Weights written by hand (any of 0-255)
 * are read as percent rounded to whole numbers adding up to 100; two zero weights are read as 50/50, since Route 53
 * then answers with both records equally.
 */
final class Route53WeightedPair {

    private final Route53Client route53;
    private final WeightedRecords records;
    /** The records read by {@link #prepareWrite} for the next write (a pair lives for one engine step). */
    private Map<Slot, ResourceRecordSet> prepared;

    Route53WeightedPair(Route53Client route53, WeightedRecords records) {
        this.route53 = route53;
        this.records = records;
    }

    /** Each slot's record set as Route 53 holds it now. */
    Map<Slot, ResourceRecordSet> read() {
        Map<Slot, ResourceRecordSet> sets = new EnumMap<>(Slot.class);
        for (ResourceRecordSet set : Route53RecordSets.named(route53, records.hostedZoneId(), records.recordName(),
                "route53.hostedZoneId")) {
            Slot slot = set.typeAsString().equals(records.recordType()) ? records.slotOf(set.setIdentifier()) : null;
            if (slot != null) {
                sets.put(slot, set);
            }
        }
        for (Slot slot : Slot.values()) {
            if (sets.get(slot) == null || sets.get(slot).weight() == null) {
                throw new AwsFailure("ListResourceRecordSets", "NoSuchWeightedRecord", false, "Route 53 has no"
                        + " weighted " + records.recordType() + " record " + records.recordName() + " with set"
                        + " identifier '" + records.setIdentifier(slot) + "' (the " + slot + " slot) in zone "
                        + records.hostedZoneId() + " any more: was it deleted or renamed? Restore it, or fix"
                        + " route53.setIdentifiers." + slot.id() + ".", null);
            }
        }
        return sets;
    }

    /** Reads the records that the next {@link #write} copies, for it to reuse. */
    void prepareWrite() {
        prepared = read();
    }

    TrafficSplit split() {
        return split(read());
    }

    static TrafficSplit split(Map<Slot, ResourceRecordSet> sets) {
        long blue = sets.get(Slot.BLUE).weight();
        long green = sets.get(Slot.GREEN).weight();
        if (blue == 0 && green == 0) {
            return new TrafficSplit(50, 50);
        }
        return TrafficSplit.fromWeights((int) blue, (int) green);
    }

    /**
     * Writes both weights in one ChangeResourceRecordSets batch of two UPSERTs, each a copy of the record as read
     * with only its weight changed: Route 53 applies a batch whole or not at all, so the name never answers with
     * one record changed and the other not.
     *
     * @return the change's id, for {@link #inSync}
     */
    String write(TrafficSplit split) {
        Map<Slot, ResourceRecordSet> sets = prepared != null ? prepared : read();
        prepared = null;
        List<Change> changes = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            ResourceRecordSet.Builder weighted = sets.get(slot).toBuilder().weight((long) split.percentOf(slot));
            if (sets.get(slot).aliasTarget() != null) {
                // Route 53 refuses a TTL on an alias record; some emulators list one anyway.
                weighted.ttl(null);
            }
            changes.add(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(weighted.build()).build());
        }
        ChangeInfo info = AwsErrors.call("route53:ChangeResourceRecordSets", records.recordName(),
                "route53.recordName", () -> route53.changeResourceRecordSets(b -> b
                        .hostedZoneId(records.hostedZoneId())
                        .changeBatch(c -> c.comment("ecs-deploy: " + split).changes(changes)))).changeInfo();
        return info.id();
    }

    /** Whether the change reached every Route 53 name server (GetChange INSYNC). */
    boolean inSync(String changeId) {
        return AwsErrors.call("route53:GetChange", changeId, null, () -> route53.getChange(b -> b.id(changeId)))
                .changeInfo().status() == ChangeStatus.INSYNC;
    }
}
