package io.jenkins.plugins.ecsdeploy.core.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the SDK retries a failing AWS call before the adapters give up: attempts, back-off and timeouts. The
 * SDK's standard retry strategy does the retrying (exponential back-off with full jitter, throttling retried).
 *
 * @param maxAttempts attempts per call, the first one included
 * @param baseDelay the back-off before the first retry; it doubles with each further retry
 * @param maxBackoff the longest back-off between two attempts
 * @param apiCallAttemptTimeout the longest one HTTP attempt may take
 * @param apiCallTimeout the longest one call may take, all attempts and back-offs included
 */
public record RetrySettings(
        int maxAttempts,
        Duration baseDelay,
        Duration maxBackoff,
        Duration apiCallAttemptTimeout,
        Duration apiCallTimeout) {

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (the first attempt), got "
                    + maxAttempts + ".");
        }
        requirePositive("baseDelay", baseDelay);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("apiCallAttemptTimeout", apiCallAttemptTimeout);
        requirePositive("apiCallTimeout", apiCallTimeout);
        if (baseDelay.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("baseDelay (" + baseDelay + ") must not exceed maxBackoff ("
                    + maxBackoff + ").");
        }
    }

    /** Production settings: rides out short throttling bursts without stalling a deployment step for long. */
    public static RetrySettings defaults() {
        return new RetrySettings(6, Duration.ofMillis(200), Duration.ofSeconds(20), Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /** Tiny back-off for tests against a local fake, so retried calls cost milliseconds. */
    public static RetrySettings fast() {
        return new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5),
                Duration.ofSeconds(15));
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name + " must be set");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, got " + value + ".");
        }
    }
}
