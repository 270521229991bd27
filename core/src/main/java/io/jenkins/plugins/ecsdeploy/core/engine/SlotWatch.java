package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * What is read at every poll while a slot takes production traffic (the bake, and a canary stage between its
 * analyses): its target health and the alarms. Either going bad ends the wait at once, so a breach acts within one
 * poll interval, not at the end of a metric interval.
 */
final class SlotWatch {

    private SlotWatch() {
    }

    /**
     * @param during what is being watched, for the message: "the bake", "canary stage 1 at 10%"
     * @return the slot's health, all targets healthy
     * @throws DeploymentFailure naming the unhealthy targets or the alarms in ALARM
     */
    static TargetHealthSummary require(StepContext ctx, Slot slot, String during) {
        TargetHealthSummary health = ctx.aws().health().targetHealth(slot);
        if (!health.allHealthy(1)) {
            throw new DeploymentFailure(slot + " became unhealthy during " + during + ": " + health.healthy()
                    + " of " + health.total() + " targets healthy.");
        }
        List<String> alarms = alarmNames(ctx);
        if (!alarms.isEmpty()) {
            List<String> firing = ctx.aws().metrics().alarmsInAlarm(alarms);
            if (!firing.isEmpty()) {
                throw new DeploymentFailure("Alarm in ALARM during " + during + ": " + String.join(", ", firing)
                        + ".");
            }
        }
        return health;
    }

    /** The alarms that judge a run: the health section's, then the analysis section's not already named. */
    static List<String> alarmNames(StepContext ctx) {
        List<String> names = new ArrayList<>(ctx.config.health().alarms());
        for (String a : ctx.config.analysis().alarms()) {
            if (!names.contains(a)) {
                names.add(a);
            }
        }
        return names;
    }
}
