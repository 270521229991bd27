package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.show;

import java.util.List;
import java.util.regex.Pattern;

/** Rules for the HTTP smoke checks. */
final class SmokeCheckRules {

    static final int MAX_RETRIES = 20;
    /** An HTTP field name is a "token" (RFC 9110, section 5.1). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private SmokeCheckRules() {
    }

    /** @param kind the environment's slot kind: only App Runner slots have a URL of their own */
    static void check(List<SmokeCheckConfig> checks, SlotKind kind, List<ConfigProblem> out) {
        if (checks == null) {
            return;
        }
        for (int i = 0; i < checks.size(); i++) {
            String field = "smokeChecks[" + i + "]";
            if (checks.get(i) == null) {
                out.add(new ConfigProblem(field, "empty entry: give it a url or remove it"));
            } else if (checks.get(i).usesSlotUrl()) {
                slotUrl(field, checks.get(i), kind, out);
            } else {
                checkOne(field, checks.get(i), out);
            }
        }
    }

    /**
     * A URL with {@code ${slotUrl}} must start with it (the slot's base URL gives scheme and host) and is checked
     * with an example base in its place; slots without a URL of their own cannot fill it in.
     */
    private static void slotUrl(String field, SmokeCheckConfig check, SlotKind kind, List<ConfigProblem> out) {
        if (kind != SlotKind.APP_RUNNER) {
            out.add(new ConfigProblem(field + ".url", SmokeCheckConfig.SLOT_URL + " stands for an App Runner"
                    + " service's own URL, and these slots (kind " + kind.id() + ") have none: write the URL that"
                    + " reaches the new slot, e.g. through the test listener"));
        } else if (!check.url().startsWith(SmokeCheckConfig.SLOT_URL)) {
            out.add(new ConfigProblem(field + ".url", quote(check.url()) + " uses " + SmokeCheckConfig.SLOT_URL
                    + " inside the URL: put it first, followed by the path, e.g. ${slotUrl}/health"));
        } else {
            checkOne(field, check.withSlotUrl("https://slot.awsapprunner.com"), out);
        }
    }

    private static void checkOne(String field, SmokeCheckConfig check, List<ConfigProblem> out) {
        if (ValueRules.hasCredentials(check.url())) {
            out.add(new ConfigProblem(field + ".url", "contains credentials (user:password@); they would be shown "
                    + "in logs and records: use a URL without them"));
        } else if (ValueRules.isBlank(check.url())) {
            out.add(new ConfigProblem(field + ".url", "missing: set the URL to GET, e.g. "
                    + "http://my-alb.example.com:8080/health"));
        } else if (!ValueRules.isHttpUrl(check.url())) {
            out.add(new ConfigProblem(field + ".url", quote(check.url()) + " is not an absolute http(s) URL: write "
                    + "it like http://my-alb.example.com:8080/health"));
        }
        if (check.expectedStatus() < 100 || check.expectedStatus() > 599) {
            out.add(new ConfigProblem(field + ".expectedStatus", check.expectedStatus() + " is not an HTTP status: "
                    + "use 100..599"));
        }
        if (check.retries() < 0 || check.retries() > MAX_RETRIES) {
            out.add(new ConfigProblem(field + ".retries", check.retries() + " is out of range: use 0.."
                    + MAX_RETRIES));
        }
        if (check.maxLatency() != null && !ValueRules.isPositive(check.maxLatency())) {
            out.add(new ConfigProblem(field + ".maxLatency", "must be more than 0, e.g. 500ms; leave it out to not "
                    + "check latency"));
        }
        if (check.retryDelay().isNegative()) {
            out.add(new ConfigProblem(field + ".retryDelay", show(check.retryDelay()) + " is negative: use 0s or "
                    + "more"));
        }
        if (check.versionHeader() != null && !HEADER_NAME.matcher(check.versionHeader()).matches()) {
            out.add(new ConfigProblem(field + ".versionHeader", quote(check.versionHeader()) + " is not a header "
                    + "name: use letters, digits and -, e.g. X-App-Version"));
        }
        if (check.bodyContains() != null && check.bodyContains().isEmpty()) {
            out.add(new ConfigProblem(field + ".bodyContains", "empty: give the text the body must contain, or "
                    + "leave it out"));
        }
    }
}
