package io.jenkins.plugins.ecsdeploy.core.smoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.jenkins.plugins.ecsdeploy.core.config.SmokeCheckConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSmokeCheckerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    private static WireMockServer wm;

    private final HttpSmokeChecker checker = new HttpSmokeChecker(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private static void serve(ResponseDefinitionBuilder response) {
        wm.stubFor(get(urlEqualTo("/health")).willReturn(response));
    }

    private static String url() {
        return "http://127.0.0.1:" + wm.port() + "/health";
    }

    private static SmokeCheckConfig check(String bodyContains, String versionHeader, boolean versionInBody,
            Duration maxLatency) {
        return new SmokeCheckConfig(url(), 200, bodyContains, versionHeader, versionInBody, maxLatency, 0, null);
    }

    @Test
    void passingCheckRecordsStatusTimeAndAttempt() {
        serve(aResponse().withStatus(200).withHeader("X-Version", "v1.2.3").withBody("{\"status\":\"ok\",\"v\":\"v1.2.3\"}"));

        SmokeResult r = checker.attempt(check("\"ok\"", "X-Version", true, Duration.ofSeconds(5)), "v1.2.3", 2);

        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(r.detail()).isEqualTo("ok");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.latencyMillis()).isNotNegative();
        assertThat(r.at()).isEqualTo(NOW);
        assertThat(r.attempt()).isEqualTo(2);
        assertThat(r.url()).isEqualTo(url());
        wm.verify(1, getRequestedFor(urlEqualTo("/health")));
    }

    @Test
    void wrongStatusFails() {
        serve(aResponse().withStatus(503).withBody("ok"));

        SmokeResult r = checker.attempt(check(null, null, false, null), "v1", 1);

        assertThat(r.passed()).isFalse();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.detail()).isEqualTo("status 503, expected 200");
    }

    @Test
    void redirectIsNotFollowed() {
        wm.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(302).withHeader("Location", "/login")));
        wm.stubFor(get(urlEqualTo("/login")).willReturn(aResponse().withStatus(200)));

        SmokeResult r = checker.attempt(check(null, null, false, null), "v1", 1);

        assertThat(r.detail()).isEqualTo("status 302, expected 200");
        wm.verify(0, getRequestedFor(urlEqualTo("/login")));
    }

    @Test
    void missingBodyTextFails() {
        serve(aResponse().withStatus(200).withBody("{\"status\":\"DOWN\"}"));

        SmokeResult r = checker.attempt(check("ok", null, false, null), "v1", 1);

        assertThat(r.passed()).isFalse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.detail()).isEqualTo("body does not contain 'ok'");
    }

    @Test
    void wrongVersionHeaderFails() {
        serve(aResponse().withStatus(200).withHeader("X-Version", "v1.0.0"));

        SmokeResult r = checker.attempt(check(null, "X-Version", false, null), "v1.2.3", 1);

        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("header X-Version is 'v1.0.0', expected 'v1.2.3'");
    }

    @Test
    void missingVersionHeaderFails() {
        serve(aResponse().withStatus(200));

        assertThat(checker.attempt(check(null, "X-Version", false, null), "v1.2.3", 1).detail())
                .isEqualTo("header X-Version is missing, expected 'v1.2.3'");
    }

    @Test
    void versionMissingFromBodyFails() {
        serve(aResponse().withStatus(200).withBody("build v1.0.0"));

        SmokeResult r = checker.attempt(check(null, null, true, null), "v1.2.3", 1);

        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("body does not contain the version 'v1.2.3'");
    }

    @Test
    void versionChecksWithoutAKnownVersionFailRatherThanPass() {
        serve(aResponse().withStatus(200).withHeader("X-Version", "v1"));

        assertThat(checker.attempt(check(null, "X-Version", false, null), null, 1).detail())
                .startsWith("the deployed version is not known");
    }

    @Test
    void everyFailedExpectationIsListed() {
        serve(aResponse().withStatus(500).withHeader("X-Version", "old").withBody("error"));

        SmokeResult r = checker.attempt(check("ok", "X-Version", true, null), "new", 1);

        assertThat(r.detail()).isEqualTo("status 500, expected 200; body does not contain 'ok'; header X-Version is "
                + "'old', expected 'new'; body does not contain the version 'new'");
    }

    @Test
    void slowResponseFailsAgainstMaxLatency() {
        serve(aResponse().withStatus(200).withFixedDelay(300));

        SmokeResult r = checker.attempt(check(null, null, false, Duration.ofMillis(100)), "v1", 1);

        assertThat(r.passed()).isFalse();
        // Whether it ends as too slow or as no response within twice the limit depends on the machine's load.
        assertThat(r.detail()).matches("took \\d+ ms > 100 ms|no response within 200 ms \\(twice maxLatency 100 ms\\)");
    }

    @Test
    void refusedConnectionIsAResultNotAnException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        SmokeCheckConfig check = new SmokeCheckConfig("http://127.0.0.1:" + closedPort + "/health", null, null, null,
                null, null, null, null);

        SmokeResult r = checker.attempt(check, "v1", 3);

        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("connection refused");
        assertThat(r.status()).isZero();
        assertThat(r.latencyMillis()).isEqualTo(-1);
        assertThat(r.at()).isEqualTo(NOW);
        assertThat(r.attempt()).isEqualTo(3);
    }

    @Test
    void unusableUrlIsAResultNotAnException() {
        SmokeCheckConfig check = new SmokeCheckConfig("ftp://127.0.0.1/health", null, null, null, null, null, null,
                null);

        SmokeResult r = checker.attempt(check, "v1", 1);

        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("cannot request 'ftp://127.0.0.1/health'");
    }

    @Test
    void onlyTheFirst64KiBOfTheBodyAreRead() {
        String padding = "x".repeat(100 * 1024);
        serve(aResponse().withStatus(200).withBody("start " + padding + " needle"));

        assertThat(checker.attempt(check("start", null, false, null), "v1", 1).passed()).isTrue();
        assertThat(checker.attempt(check("needle", null, false, null), "v1", 1).detail())
                .isEqualTo("body (first 64 KiB) does not contain 'needle'");
    }

    @Test
    void bodyIsDecodedWithTheCharsetItDeclares() {
        serve(aResponse().withStatus(200).withHeader("Content-Type", "text/plain; charset=ISO-8859-1")
                .withBody("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(checker.attempt(check("caf\u00e9", null, false, null), "v1", 1).passed()).isTrue();
    }
}
