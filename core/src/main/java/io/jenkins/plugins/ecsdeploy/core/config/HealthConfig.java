package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.List;

/**
 * How the engine decides a slot is ready and stays healthy.
 *
 * @param readinessTimeout how long the idle slot may take to roll out and become healthy (default 120 s)
 * @param pollInterval how often readiness and the bake window are checked (default 10 s)
 * @param bakeTime how long the new slot is watched after the switch (default 5 min)
 * @param alarms CloudWatch alarms that, in ALARM, fail the bake window
 * @param scaleDownOldAfter scale the old slot to zero this long after a successful bake; null keeps it warm
 *     for instant rollback (the default)
 */
public record HealthConfig(
        @JsonDeserialize(using = DurationDeserializer.class) Duration readinessTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) Duration pollInterval,
        @JsonDeserialize(using = DurationDeserializer.class) Duration bakeTime,
        List<String> alarms,
        @JsonDeserialize(using = DurationDeserializer.class) Duration scaleDownOldAfter) {

    public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BAKE_TIME = Duration.ofMinutes(5);

    public HealthConfig {
        readinessTimeout = readinessTimeout == null ? DEFAULT_READINESS_TIMEOUT : readinessTimeout;
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        bakeTime = bakeTime == null ? DEFAULT_BAKE_TIME : bakeTime;
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
    }

    public static HealthConfig defaults() {
        return new HealthConfig(null, null, null, null, null);
    }
}
