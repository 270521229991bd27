package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for an environment steered by Route 53 weighted records: which zone, name, type and set identifiers, and
 * that nothing of the ALB kind (listeners) is given beside them. Whether the records exist and are weighted is
 * the preflight's job.
 */
final class Route53Rules {

    private static final Pattern ZONE_ID = Pattern.compile("(?:/hostedzone/)?[A-Z0-9]{1,32}");
    private static final Pattern LABEL = Pattern.compile("(?:\\*|_?[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?)");
    /** Route 53's limit on a set identifier. */
    static final int MAX_SET_IDENTIFIER = 128;

    private Route53Rules() {
    }

    static void check(EnvironmentConfig c, List<ConfigProblem> out) {
        Route53Config r = c.route53();
        if (c.listener() != null) {
            out.add(new ConfigProblem("listener", "given together with route53: an environment's traffic is steered"
                    + " either by an ALB listener or by Route 53 weighted records; remove one of them"));
        }
        if (c.testListener() != null) {
            out.add(new ConfigProblem("testListener", "an environment steered by Route 53 has no test listener:"
                    + " smoke checks reach the idle slot by its own URL; remove testListener"));
        }
        if (isBlank(r.hostedZoneId())) {
            out.add(new ConfigProblem("route53.hostedZoneId", "missing: give the hosted zone's id, e.g."
                    + " Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name)"));
        } else if (!ZONE_ID.matcher(r.hostedZoneId()).matches()) {
            out.add(new ConfigProblem("route53.hostedZoneId", quote(r.hostedZoneId()) + " is not a hosted zone id:"
                    + " use the id (up to 32 upper-case letters and digits, e.g. Z0123456789ABCDEFGHIJ), not the"
                    + " zone's name"));
        }
        checkRecordName(r.recordName(), out);
        if (isBlank(r.recordType())) {
            out.add(new ConfigProblem("route53.recordType", "missing: CNAME, or A / AAAA for alias records"));
        } else if (!Route53Config.RECORD_TYPES.contains(r.recordType())) {
            out.add(new ConfigProblem("route53.recordType", quote(r.recordType()) + " is not supported: use CNAME,"
                    + " or A / AAAA for alias records (upper case)"));
        }
        checkSetIdentifiers(r.setIdentifiers(), out);
    }

    private static void checkRecordName(String name, List<ConfigProblem> out) {
        String field = "route53.recordName";
        if (isBlank(name)) {
            out.add(new ConfigProblem(field, "missing: give the name both weighted records answer for, e.g."
                    + " api.example.com"));
            return;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        boolean valid = n.length() <= 253 && n.contains(".");
        for (String label : n.split("\\.", -1)) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            out.add(new ConfigProblem(field, quote(name) + " is not a DNS name: write it like api.example.com"
                    + " (labels of letters, digits and '-', at most 253 characters)"));
        }
    }

    private static void checkSetIdentifiers(SlotNames ids, List<ConfigProblem> out) {
        if (ids == null) {
            out.add(new ConfigProblem("route53.setIdentifiers", "missing: give setIdentifiers.blue and"
                    + " setIdentifiers.green, the set identifiers of the two weighted records"));
            return;
        }
        checkSetIdentifier("route53.setIdentifiers.blue", ids.blue(), out);
        checkSetIdentifier("route53.setIdentifiers.green", ids.green(), out);
        if (!isBlank(ids.blue()) && ids.blue().equals(ids.green())) {
            out.add(new ConfigProblem("route53.setIdentifiers.green", "the same as setIdentifiers.blue ("
                    + quote(ids.blue()) + "): each slot needs its own weighted record"));
        }
    }

    private static void checkSetIdentifier(String field, String id, List<ConfigProblem> out) {
        if (isBlank(id)) {
            out.add(new ConfigProblem(field, "missing: give the SetIdentifier of this slot's weighted record"));
        } else if (id.length() > MAX_SET_IDENTIFIER) {
            out.add(new ConfigProblem(field, "longer than Route 53's " + MAX_SET_IDENTIFIER + " characters"));
        }
    }
}
