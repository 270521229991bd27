package io.jenkins.plugins.ecsdeploy.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Recognisable fake credentials, and the checks that they never show up where people or files can see them. Used
 * by the core's and the command line's leak tests.
 */
public final class LeakCheck {

    public static final String ACCESS_KEY = "AKIAFAKESECRET0000001";
    public static final String SECRET_KEY = "s3cr3t/TEST+KEY/xyz";
    public static final String SESSION_TOKEN = "FwoGZXIvYXdzSESSIONTOKEN";
    private static final List<String> ALL = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN);

    private LeakCheck() {
    }

    /** Session credentials made of the three strings above. */
    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));
    }

    /** Fails when {@code text} holds any of the three strings, or the secret in URL-encoded form. */
    public static void assertClean(String where, String text) {
        assertThat(text).as("%s must not be empty for the check to mean anything", where).isNotBlank();
        for (String secret : ALL) {
            assertThat(text).as(where).doesNotContain(secret);
        }
        assertThat(text).as(where).doesNotContain(java.net.URLEncoder.encode(SECRET_KEY,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Fails when a message anywhere in the cause chain holds a credential. */
    public static void assertClean(String where, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t)).as(where + ": " + t.getClass().getName()).doesNotContain(ALL);
        }
        assertClean(where, e.getMessage());
    }

    /**
     * Checks every request the fake received: the secret key was never sent at all, the access key id only inside
     * the Authorization header's signature scope, the session token only in its own header; no reply echoed any.
     */
    public static void assertRequestsCarryOnlySignatures(FakeAws aws) {
        List<ServeEvent> events = aws.server().getAllServeEvents();
        assertThat(events).as("requests to the fake").isNotEmpty();
        for (ServeEvent event : events) {
            String where = event.getRequest().getMethod() + " " + event.getRequest().getUrl() + " "
                    + event.getRequest().getHeader("X-Amz-Target");
            assertThat(event.getRequest().getBodyAsString()).as(where + " body").doesNotContain(ALL);
            assertThat(event.getRequest().getUrl()).as(where + " URL").doesNotContain(ALL);
            boolean signed = false;
            for (HttpHeader header : event.getRequest().getHeaders().all()) {
                String value = String.join(",", header.values());
                assertThat(value).as(where + " header " + header.key()).doesNotContain(SECRET_KEY);
                if (header.keyEquals("Authorization")) {
                    assertThat(value).as(where + " Authorization").contains("Credential=" + ACCESS_KEY + "/")
                            .doesNotContain(SESSION_TOKEN);
                    signed = true;
                } else if (header.keyEquals("X-Amz-Security-Token")) {
                    assertThat(value).as(where + " X-Amz-Security-Token").isEqualTo(SESSION_TOKEN);
                } else {
                    assertThat(value).as(where + " header " + header.key()).doesNotContain(ALL);
                }
            }
            assertThat(signed).as(where + " is signed").isTrue();
            LoggedResponse response = event.getResponse();
            if (response != null && response.getBodyAsString() != null) {
                assertThat(response.getBodyAsString()).as(where + " reply").doesNotContain(ALL);
            }
        }
    }
}
