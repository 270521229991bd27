package io.jenkins.plugins.ecsdeploy.core.config;

/**
 * Traffic steered by a pair of Route 53 weighted records of one name, one per slot, instead of an ALB listener.
 * The slots' endpoints (the records' values or alias targets) are managed outside; a run changes only the weights.
 *
 * @param hostedZoneId the hosted zone's id, e.g. {@code Z0123456789ABCDEFGHIJ} ({@code /hostedzone/} may prefix it)
 * @param recordName the name both records answer for, e.g. {@code api.example.com}
 * @param recordType {@code CNAME}, or {@code A} / {@code AAAA} for alias records
 * @param setIdentifiers the set identifier of each slot's weighted record
 */
public record Route53Config(String hostedZoneId, String recordName, String recordType, SlotNames setIdentifiers) {

    /** The record types a weighted pair may have here. */
    public static final java.util.List<String> RECORD_TYPES = java.util.List.of("CNAME", "A", "AAAA");

    /** The hosted zone id without the {@code /hostedzone/} prefix the API sometimes adds. */
    public String zoneId() {
        return hostedZoneId == null ? null : hostedZoneId.substring(hostedZoneId.lastIndexOf('/') + 1);
    }

    /** The record name as Route 53 reports it: lower case, with the final dot. */
    public String fqdn() {
        if (recordName == null) {
            return null;
        }
        String lower = recordName.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
