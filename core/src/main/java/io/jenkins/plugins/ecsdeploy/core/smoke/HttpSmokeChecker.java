package io.jenkins.plugins.ecsdeploy.core.smoke;

import io.jenkins.plugins.ecsdeploy.core.config.SmokeCheckConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeChecker;
import io.jenkins.plugins.ecsdeploy.core.engine.port.SmokeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Makes one smoke check attempt over HTTP: a GET whose status, body, version header and latency are compared with
 * the check's expectations. Every outcome, including a refused connection, is a {@link SmokeResult} whose detail
 * says what failed; nothing is thrown for a failed check. Redirects are not followed, so that a health page
 * redirecting to a login page fails instead of passing on the login page.
 */
public final class HttpSmokeChecker implements SmokeChecker {

    /** Enough for any health page; more is not read. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** How long an attempt may take when the check sets no maxLatency. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Clock clock;

    /** A checker whose results are stamped with the system clock. */
    public HttpSmokeChecker() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps each result's {@code at}; latency is measured separately */
    public HttpSmokeChecker(Clock clock) {
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(DEFAULT_TIMEOUT)
                .build(), clock);
    }

    /** @param client the client to send with, e.g. one with a custom TLS context */
    public HttpSmokeChecker(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public SmokeResult attempt(SmokeCheckConfig check, String expectedVersion, int attempt) {
        Instant at = clock.instant();
        Duration timeout = check.maxLatency() == null ? DEFAULT_TIMEOUT : check.maxLatency().multipliedBy(2);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(String.valueOf(check.url())))
                    .timeout(timeout)
                    .header("User-Agent", "ecs-deploy-smoke-check")
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            return new SmokeResult(check.url(), attempt, at, false, 0, -1, "cannot request '" + check.url() + "': "
                    + e.getMessage());
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<LimitedBodySubscriber.Body>> pending =
                client.sendAsync(request, info -> new LimitedBodySubscriber(MAX_BODY_BYTES));
        HttpResponse<LimitedBodySubscriber.Body> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return noResponse(check, attempt, at, noResponseWithin(timeout, check));
        } catch (ExecutionException e) {
            return noResponse(check, attempt, at, describe(e.getCause(), timeout, check, request.uri()));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return noResponse(check, attempt, at, "interrupted before a response came");
        }
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<String> failures = compare(check, expectedVersion, response, latencyMillis);
        return new SmokeResult(check.url(), attempt, at, failures.isEmpty(), response.statusCode(), latencyMillis,
                failures.isEmpty() ? "ok" : String.join("; ", failures));
    }

    private static List<String> compare(SmokeCheckConfig check, String expectedVersion,
            HttpResponse<LimitedBodySubscriber.Body> response, long latencyMillis) {
        List<String> failures = new ArrayList<>();
        if (response.statusCode() != check.expectedStatus()) {
            failures.add("status " + response.statusCode() + ", expected " + check.expectedStatus());
        }
        LimitedBodySubscriber.Body body = response.body();
        String text = new String(body.bytes(), charsetOf(response));
        String bodyName = body.truncated() ? "body (first " + MAX_BODY_BYTES / 1024 + " KiB)" : "body";
        if (check.bodyContains() != null && !text.contains(check.bodyContains())) {
            failures.add(bodyName + " does not contain '" + check.bodyContains() + "'");
        }
        boolean versionChecked = check.versionHeader() != null || check.versionInBody();
        if (versionChecked && (expectedVersion == null || expectedVersion.isBlank())) {
            failures.add("the deployed version is not known (an image without a tag?), so it cannot be compared");
        } else if (versionChecked) {
            if (check.versionHeader() != null) {
                Optional<String> actual = response.headers().firstValue(check.versionHeader());
                if (actual.isEmpty()) {
                    failures.add("header " + check.versionHeader() + " is missing, expected '" + expectedVersion
                            + "'");
                } else if (!actual.get().trim().equals(expectedVersion)) {
                    failures.add("header " + check.versionHeader() + " is '" + actual.get() + "', expected '"
                            + expectedVersion + "'");
                }
            }
            if (check.versionInBody() && !text.contains(expectedVersion)) {
                failures.add(bodyName + " does not contain the version '" + expectedVersion + "'");
            }
        }
        if (check.maxLatency() != null && latencyMillis > check.maxLatency().toMillis()) {
            failures.add("took " + latencyMillis + " ms > " + check.maxLatency().toMillis() + " ms");
        }
        return failures;
    }

    private static Charset charsetOf(HttpResponse<?> response) {
        for (String part : response.headers().firstValue("Content-Type").orElse("").split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", "").trim());
                } catch (IllegalArgumentException unknownCharset) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The first cause in the chain that says what went wrong, in words. */
    private static String describe(Throwable error, Duration timeout, SmokeCheckConfig check, URI uri) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connection timed out after " + timeout.toMillis() + " ms";
            }
            if (t instanceof HttpTimeoutException) {
                return noResponseWithin(timeout, check);
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host '" + uri.getHost() + "'";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + t.getMessage();
            }
        }
        String message = error instanceof IOException && error.getMessage() != null ? error.getMessage()
                : String.valueOf(error);
        return "request failed: " + message;
    }

    private static String noResponseWithin(Duration timeout, SmokeCheckConfig check) {
        return "no response within " + timeout.toMillis() + " ms"
                + (check.maxLatency() == null ? "" : " (twice maxLatency " + check.maxLatency().toMillis() + " ms)");
    }

    private static SmokeResult noResponse(SmokeCheckConfig check, int attempt, Instant at, String detail) {
        return new SmokeResult(check.url(), attempt, at, false, 0, -1, detail);
    }
}
