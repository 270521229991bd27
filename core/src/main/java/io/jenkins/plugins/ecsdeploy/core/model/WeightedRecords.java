package io.jenkins.plugins.ecsdeploy.core.model;

/**
 * The pair of Route 53 weighted records that steers an environment's traffic, as found at preflight.
 *
 * @param hostedZoneId the zone's id, without {@code /hostedzone/}
 * @param recordName the records' name, lower case with the final dot
 * @param recordType CNAME, A or AAAA
 * @param blueSetIdentifier the blue slot's record
 * @param greenSetIdentifier the green slot's record
 * @param ttlSeconds how long resolvers may cache an answer: the records' TTL, or for alias records the 60 s Route 53
 *     gives alias answers for AWS targets
 */
public record WeightedRecords(String hostedZoneId, String recordName, String recordType, String blueSetIdentifier,
        String greenSetIdentifier, long ttlSeconds) {

    public String setIdentifier(Slot slot) {
        return slot == Slot.BLUE ? blueSetIdentifier : greenSetIdentifier;
    }

    /** The slot whose record has {@code setIdentifier}, or null for another record of the same name. */
    public Slot slotOf(String setIdentifier) {
        return blueSetIdentifier.equals(setIdentifier) ? Slot.BLUE
                : greenSetIdentifier.equals(setIdentifier) ? Slot.GREEN : null;
    }
}
