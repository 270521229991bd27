package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.show;

import java.time.Duration;
import java.util.List;

/** Rules for readiness, bake and scale-down timing, and for alarm lists (shared with the analysis section). */
final class HealthRules {

    static final Duration MAX_READINESS_TIMEOUT = Duration.ofHours(2);
    static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_BAKE_TIME = Duration.ofHours(48);
    /** CodeDeploy allows ten alarms per deployment group; people move between the two, so the same limit. */
    static final int MAX_ALARMS = 10;
    static final int MAX_ALARM_NAME = 255;

    private HealthRules() {
    }

    static void check(HealthConfig health, List<ConfigProblem> out) {
        if (health == null) {
            return;
        }
        Duration readiness = health.readinessTimeout();
        if (!ValueRules.isPositive(readiness)) {
            out.add(new ConfigProblem("health.readinessTimeout", "must be more than 0, e.g. 5m"));
        } else if (readiness.compareTo(MAX_READINESS_TIMEOUT) > 0) {
            out.add(new ConfigProblem("health.readinessTimeout", show(readiness) + " is too long: at most "
                    + show(MAX_READINESS_TIMEOUT)));
        }
        Duration poll = health.pollInterval();
        if (poll.compareTo(MIN_POLL_INTERVAL) < 0) {
            out.add(new ConfigProblem("health.pollInterval", show(poll) + " is too short: at least "
                    + show(MIN_POLL_INTERVAL)));
        } else if (ValueRules.isPositive(readiness) && poll.compareTo(readiness) >= 0) {
            out.add(new ConfigProblem("health.pollInterval", show(poll) + " must be shorter than "
                    + "health.readinessTimeout (" + show(readiness) + ")"));
        }
        Duration bake = health.bakeTime();
        if (!ValueRules.isPositive(bake)) {
            out.add(new ConfigProblem("health.bakeTime", "must be more than 0, e.g. 5m"));
        } else if (bake.compareTo(MAX_BAKE_TIME) > 0) {
            out.add(new ConfigProblem("health.bakeTime", show(bake) + " is too long: at most "
                    + show(MAX_BAKE_TIME)));
        }
        if (health.scaleDownOldAfter() != null && health.scaleDownOldAfter().isNegative()) {
            out.add(new ConfigProblem("health.scaleDownOldAfter", "must not be negative; leave it out to keep the "
                    + "old slot running"));
        }
        checkAlarms("health.alarms", health.alarms(), out);
    }

    static void checkAlarms(String field, List<String> alarms, List<ConfigProblem> out) {
        if (alarms == null) {
            return;
        }
        if (alarms.size() > MAX_ALARMS) {
            out.add(new ConfigProblem(field, alarms.size() + " alarms: at most " + MAX_ALARMS));
        }
        for (int i = 0; i < alarms.size(); i++) {
            String alarm = alarms.get(i);
            String at = field + "[" + i + "]";
            if (ValueRules.isBlank(alarm)) {
                out.add(new ConfigProblem(at, "empty alarm name: give the CloudWatch alarm's name or remove it"));
            } else if (alarm.length() > MAX_ALARM_NAME) {
                out.add(new ConfigProblem(at, "longer than " + MAX_ALARM_NAME + " characters: not a CloudWatch "
                        + "alarm name"));
            } else if (ArnRules.looksLikeArn(alarm)) {
                out.add(new ConfigProblem(at, "give the alarm's name, not its ARN"));
            }
        }
    }
}
