package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;

/**
 * An HTTP request made against the new slot (through the test listener, or a URL that reaches it) before any
 * production traffic goes there.
 *
 * @param url the URL to GET; {@value #SLOT_URL} in it stands for the base URL of the slot under test, for slots that
 *     have one of their own (an App Runner service's default domain, {@code https://ID.REGION.awsapprunner.com})
 * @param expectedStatus the status that counts as success (default 200)
 * @param bodyContains text the body must contain, if set
 * @param versionHeader a response header that must equal the deployed image tag, if set
 * @param versionInBody when true, the body must contain the deployed image tag
 * @param maxLatency slowest acceptable response, if set
 * @param retries how many more attempts after a failed one (default 3)
 * @param retryDelay wait between attempts (default 5 s)
 */
public record SmokeCheckConfig(
        String url,
        Integer expectedStatus,
        String bodyContains,
        String versionHeader,
        Boolean versionInBody,
        @JsonDeserialize(using = DurationDeserializer.class) Duration maxLatency,
        Integer retries,
        @JsonDeserialize(using = DurationDeserializer.class) Duration retryDelay) {

    /** The placeholder for the base URL of the slot under test, such as {@code ${slotUrl}/health}. */
    public static final String SLOT_URL = "${slotUrl}";

    public SmokeCheckConfig {
        expectedStatus = expectedStatus == null ? 200 : expectedStatus;
        versionInBody = versionInBody != null && versionInBody;
        retries = retries == null ? 3 : retries;
        retryDelay = retryDelay == null ? Duration.ofSeconds(5) : retryDelay;
    }

    /** Whether the URL names the slot under test by {@value #SLOT_URL}. */
    public boolean usesSlotUrl() {
        return url != null && url.contains(SLOT_URL);
    }

    /** This check with {@value #SLOT_URL} replaced by {@code slotUrl} (a base URL without a trailing slash). */
    public SmokeCheckConfig withSlotUrl(String slotUrl) {
        return new SmokeCheckConfig(url.replace(SLOT_URL, slotUrl), expectedStatus, bodyContains, versionHeader,
                versionInBody, maxLatency, retries, retryDelay);
    }
}
