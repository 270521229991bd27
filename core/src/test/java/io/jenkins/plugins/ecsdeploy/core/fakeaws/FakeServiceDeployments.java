package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Action;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Deployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Rule;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.ServiceDeployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Task;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Weighted;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Service deployments that ECS runs itself for services whose strategy is BLUE_GREEN, CANARY or LINEAR. A deployment
 * walks the lifecycle stages on the fake's clock, {@link FakeAwsState#stageSeconds} each (bake times as configured),
 * starts the target revision's tasks in the idle target group (the one the production rule gives no weight), moves
 * the test rule and then the production rule to it (at once, in a canary step or in linear steps), bakes and cleans
 * up. Lifecycle hooks hold a stage until they answer SUCCEEDED; FAILED, a deployment alarm in ALARM (with rollback
 * on) or StopServiceDeployment ROLLBACK roll it back: traffic returns to the source target group at once, the target
 * revision's tasks stop one stage later.
 */
final class FakeServiceDeployments {

    static final List<String> STAGES = List.of("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP",
            "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
            "BAKE_TIME", "CLEAN_UP");
    static final Set<String> STRATEGIES = Set.of("BLUE_GREEN", "CANARY", "LINEAR");
    /** Statuses of a deployment that is not over. */
    static final Set<String> ACTIVE = Set.of("PENDING", "IN_PROGRESS", "STOP_REQUESTED", "ROLLBACK_REQUESTED",
            "ROLLBACK_IN_PROGRESS");

    private final Clock clock;

    FakeServiceDeployments(Clock clock) {
        this.clock = clock;
    }

    static String strategy(Service v) {
        return v.deploymentConfiguration == null ? "ROLLING"
                : v.deploymentConfiguration.path("strategy").asText("ROLLING");
    }

    static boolean managed(Service v) {
        return STRATEGIES.contains(strategy(v));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** Starts a deployment of {@code taskDefinitionArn} with {@code desired} tasks. */
    ServiceDeployment start(Service v, String taskDefinitionArn, int desired, FakeAwsState s) {
        if (v.serviceDeployments.stream().anyMatch(d -> ACTIVE.contains(d.status))) {
            throw AwsError.client("InvalidParameterException", "Service " + v.arn + " has a service deployment in "
                    + "progress; wait for it to finish or stop it first.");
        }
        JsonNode advanced = v.advancedConfiguration;
        if (advanced == null || !s.rules.containsKey(advanced.path("productionListenerRule").asText())
                || !s.targetGroups.containsKey(advanced.path("alternateTargetGroupArn").asText())) {
            throw AwsError.client("InvalidParameterException", "The " + strategy(v) + " strategy needs "
                    + "loadBalancers[].advancedConfiguration with an existing alternateTargetGroupArn and "
                    + "productionListenerRule.");
        }
        long now = now();
        if (v.currentRevisionArn == null) {
            v.currentRevisionArn = revision(v, v.primary().taskDefinitionArn, s);
        }
        ServiceDeployment d = new ServiceDeployment();
        String cluster = v.clusterArn.substring(v.clusterArn.indexOf(":cluster/") + 9);
        d.arn = "arn:aws:ecs:" + s.region + ":" + s.account + ":service-deployment/" + cluster + "/" + v.name + "/"
                + "Sd" + String.format("%018d", Long.parseLong(s.nextId()));
        d.serviceArn = v.arn;
        d.clusterArn = v.clusterArn;
        d.sourceRevisionArn = v.currentRevisionArn;
        d.targetRevisionArn = revision(v, taskDefinitionArn, s);
        String alternate = advanced.path("alternateTargetGroupArn").asText();
        Action production = forward(s, advanced.path("productionListenerRule").asText());
        boolean alternateLive = production.weightOf(alternate) > production.weightOf(v.targetGroupArn);
        d.sourceTargetGroupArn = alternateLive ? alternate : v.targetGroupArn;
        d.targetTargetGroupArn = alternateLive ? v.targetGroupArn : alternate;
        d.desiredCount = desired;
        d.configuration = v.deploymentConfiguration.deepCopy();
        d.createdAt = now;
        d.lifecycleStage = STAGES.get(0);
        d.stageEndsAt = now + s.stageSeconds;
        for (Task task : v.tasks) {
            task.targetGroupArn = task.targetGroupArn == null ? d.sourceTargetGroupArn : task.targetGroupArn;
        }
        v.deployments.forEach(old -> old.status = "ACTIVE");
        v.deployments.add(0, FakeEcs.deployment(s, taskDefinitionArn, desired, clock.instant()));
        v.serviceDeployments.add(0, d);
        return d;
    }

    /** Brings every service's latest deployment up to the fake's clock. */
    void settle(FakeAwsState s) {
        for (Service v : s.services.values()) {
            if (!v.serviceDeployments.isEmpty() && ACTIVE.contains(v.serviceDeployments.get(0).status)) {
                settle(v, v.serviceDeployments.get(0), s);
            }
        }
    }

    private void settle(Service v, ServiceDeployment d, FakeAwsState s) {
        long now = now();
        for (int step = 0; step < 1_000; step++) {
            switch (d.status) {
                case "IN_PROGRESS" -> {
                    List<String> firing = firingAlarms(d, s);
                    if (!firing.isEmpty()) {
                        d.triggeredAlarms = firing;
                        rollBack(v, d, s, "Service deployment rolled back because alarms " + firing
                                + " are in ALARM state.", now);
                    } else if (!progress(v, d, s, now)) {
                        return;
                    }
                }
                case "ROLLBACK_REQUESTED" -> rollBack(v, d, s, "Service deployment rolled back because "
                        + "StopServiceDeployment was called with stopType ROLLBACK.", now);
                case "STOP_REQUESTED" -> {
                    d.status = "STOPPED";
                    d.stoppedAt = now;
                    d.statusReason = "Service deployment stopped by StopServiceDeployment (ABORT).";
                    return;
                }
                case "ROLLBACK_IN_PROGRESS" -> {
                    if (d.stageEndsAt <= now) {
                        finishRollback(v, d, d.stageEndsAt);
                    }
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** Takes the next step that is due; false when the deployment waits for time or a hook. */
    private boolean progress(Service v, ServiceDeployment d, FakeAwsState s, long now) {
        if (d.nextShiftAt > 0) {
            if (d.nextShiftAt > now) {
                return false;
            }
            long at = d.nextShiftAt;
            int step = "LINEAR".equals(strategy(d)) ? percent(d, "linearConfiguration", "stepPercent") : 100;
            shiftProduction(v, d, s, Math.min(100, d.productionShare + step));
            d.nextShiftAt = d.productionShare < 100 ? at + bake(d, "linearConfiguration", "stepBakeTimeInMinutes") : 0;
            d.stageEndsAt = d.productionShare < 100 ? d.stageEndsAt : at + s.stageSeconds;
            return true;
        }
        if (d.stageEndsAt > now) {
            return false;
        }
        JsonNode hook = hookAt(d, d.lifecycleStage);
        if (hook != null && !d.hookPassed) {
            if (d.hookNextAt > now) {
                return false;
            }
            ObjectNode answer = invoke(hook, v, d, s, now);
            String status = answer.path("hookStatus").asText("");
            if (status.equals("SUCCEEDED")) {
                d.hookPassed = true;
                d.stageEndsAt = now;
                return true;
            }
            if (status.equals("IN_PROGRESS")) {
                d.hookNextAt = now + answer.path("callBackDelay").asLong(30);
                d.hookDetails = answer.has("hookDetails") ? (ObjectNode) answer.get("hookDetails") : d.hookDetails;
                return false;
            }
            rollBack(v, d, s, "Service deployment rolled back because lifecycle hook "
                    + hook.path("hookTargetArn").asText() + " returned " + (status.isEmpty() ? "no hookStatus"
                    : status) + " at " + d.lifecycleStage + ".", now);
            return true;
        }
        int next = STAGES.indexOf(d.lifecycleStage) + 1;
        if (next == STAGES.size()) {
            finish(v, d, d.stageEndsAt);
        } else {
            enter(v, d, s, STAGES.get(next), d.stageEndsAt);
        }
        return true;
    }

    private void enter(Service v, ServiceDeployment d, FakeAwsState s, String stage, long at) {
        d.lifecycleStage = stage;
        d.hookPassed = false;
        d.hookNextAt = 0;
        d.hookDetails = null;
        d.stageEndsAt = at + s.stageSeconds;
        switch (stage) {
            case "SCALE_UP" -> scaleUp(v, d, s);
            case "TEST_TRAFFIC_SHIFT" -> {
                d.testShare = 100;
                route(s, v.advancedConfiguration.path("testListenerRule").asText(null), d, 100);
            }
            case "PRODUCTION_TRAFFIC_SHIFT" -> {
                switch (strategy(d)) {
                    case "CANARY" -> {
                        shiftProduction(v, d, s, percent(d, "canaryConfiguration", "canaryPercent"));
                        d.nextShiftAt = at + bake(d, "canaryConfiguration", "canaryBakeTimeInMinutes");
                    }
                    case "LINEAR" -> {
                        shiftProduction(v, d, s, percent(d, "linearConfiguration", "stepPercent"));
                        d.nextShiftAt = at + bake(d, "linearConfiguration", "stepBakeTimeInMinutes");
                    }
                    default -> shiftProduction(v, d, s, 100);
                }
            }
            case "BAKE_TIME" -> d.stageEndsAt = at + d.configuration.path("bakeTimeInMinutes").asLong(0) * 60;
            default -> {
                // The other stages only take their time (and their hooks).
            }
        }
    }

    private static void scaleUp(Service v, ServiceDeployment d, FakeAwsState s) {
        Deployment target = v.deployments.get(0);
        target.runningCount = d.desiredCount;
        target.pendingCount = 0;
        for (int i = 0; i < d.desiredCount; i++) {
            Task task = FakeEcs.newTask(target.taskDefinitionArn, s);
            task.targetGroupArn = d.targetTargetGroupArn;
            task.healthPolls = s.healthyAfterPolls;
            v.tasks.add(task);
        }
    }

    private void finish(Service v, ServiceDeployment d, long at) {
        d.status = "SUCCESSFUL";
        d.statusReason = "Service deployment completed.";
        d.finishedAt = at;
        v.currentRevisionArn = d.targetRevisionArn;
        v.tasks.removeIf(t -> d.sourceTargetGroupArn.equals(t.targetGroupArn));
        Deployment target = v.deployments.get(0);
        target.rolloutState = "COMPLETED";
        target.rolloutStateReason = "ECS deployment " + target.id + " completed.";
        v.deployments.subList(1, v.deployments.size()).clear();
    }

    private void rollBack(Service v, ServiceDeployment d, FakeAwsState s, String reason, long now) {
        d.status = "ROLLBACK_IN_PROGRESS";
        d.statusReason = reason;
        d.rollbackReason = reason;
        d.rollbackStartedAt = now;
        d.nextShiftAt = 0;
        shiftProduction(v, d, s, 0);
        if (d.testShare > 0) {
            d.testShare = 0;
            route(s, v.advancedConfiguration.path("testListenerRule").asText(null), d, 0);
        }
        d.stageEndsAt = now + s.stageSeconds;
    }

    private static void finishRollback(Service v, ServiceDeployment d, long at) {
        d.status = "ROLLBACK_SUCCESSFUL";
        d.finishedAt = at;
        v.tasks.removeIf(t -> d.targetTargetGroupArn.equals(t.targetGroupArn));
        v.deployments.remove(0);
        Deployment source = v.deployments.get(0);
        source.status = "PRIMARY";
    }

    /** Stops the deployment: ROLLBACK returns traffic to the source revision, ABORT leaves it where it is. */
    void stop(ServiceDeployment d, String stopType) {
        if (!d.status.equals("IN_PROGRESS") && !d.status.equals("PENDING")) {
            throw AwsError.client("ConflictException", "Service deployment " + d.arn + " is " + d.status
                    + " and cannot be stopped.");
        }
        d.status = "ABORT".equals(stopType) ? "STOP_REQUESTED" : "ROLLBACK_REQUESTED";
    }

    private void shiftProduction(Service v, ServiceDeployment d, FakeAwsState s, int share) {
        d.productionShare = share;
        route(s, v.advancedConfiguration.path("productionListenerRule").asText(), d, share);
    }

    /** Points the rule's forward action at the deployment's two target groups, {@code share} % on the target. */
    private static void route(FakeAwsState s, String ruleArn, ServiceDeployment d, int share) {
        if (ruleArn == null || !s.rules.containsKey(ruleArn)) {
            return;
        }
        Action forward = forward(s, ruleArn);
        List<Weighted> groups = new ArrayList<>();
        for (Weighted w : forward.targetGroups) {
            if (w.targetGroupArn.equals(d.targetTargetGroupArn)) {
                groups.add(new Weighted(w.targetGroupArn, share));
            } else if (w.targetGroupArn.equals(d.sourceTargetGroupArn)) {
                groups.add(new Weighted(w.targetGroupArn, 100 - share));
            }
        }
        if (groups.size() < 2) {
            groups.clear();
            groups.add(new Weighted(d.sourceTargetGroupArn, 100 - share));
            groups.add(new Weighted(d.targetTargetGroupArn, share));
        }
        forward.targetGroups = groups;
    }

    private static Action forward(FakeAwsState s, String ruleArn) {
        Rule rule = s.rules.get(ruleArn);
        List<Action> actions = rule.isDefault ? s.listeners.get(rule.listenerArn).actions : rule.actions;
        return actions.stream().filter(a -> "forward".equals(a.type)).findFirst()
                .orElseThrow(() -> AwsError.client("InvalidParameterException", "Listener rule " + ruleArn
                        + " has no forward action."));
    }

    private ObjectNode invoke(JsonNode hook, Service v, ServiceDeployment d, FakeAwsState s, long now) {
        d.hookInvocations++;
        String function = hook.path("hookTargetArn").asText();
        if (s.hookAnswers.containsKey(function)) {
            return JSON.createObjectNode().put("hookStatus", s.hookAnswers.get(function));
        }
        ObjectNode event = JSON.createObjectNode();
        ObjectNode details = event.putObject("executionDetails").put("serviceArn", v.arn)
                .put("targetServiceRevisionArn", d.targetRevisionArn);
        details.putObject("testTrafficWeights").put(d.sourceRevisionArn, 100 - d.testShare)
                .put(d.targetRevisionArn, d.testShare);
        details.putObject("productionTrafficWeights").put(d.sourceRevisionArn, 100 - d.productionShare)
                .put(d.targetRevisionArn, d.productionShare);
        event.put("executionId", d.arn.substring(d.arn.lastIndexOf('/') + 1) + "-" + d.hookInvocations)
                .put("lifecycleStage", d.lifecycleStage).put("resourceArn", d.arn);
        ObjectNode hookDetails = hook.has("hookDetails") ? ((ObjectNode) hook.get("hookDetails")).deepCopy()
                : JSON.createObjectNode();
        if (d.hookDetails != null) {
            hookDetails.setAll(d.hookDetails);
        }
        event.set("hookDetails", hookDetails);
        return ApprovalHookScript.decide(event, v.tags, now);
    }

    private static JsonNode hookAt(ServiceDeployment d, String stage) {
        for (JsonNode hook : d.configuration.path("lifecycleHooks")) {
            for (JsonNode s : hook.path("lifecycleStages")) {
                if (s.asText().equals(stage)) {
                    return hook;
                }
            }
        }
        return null;
    }

    private static List<String> firingAlarms(ServiceDeployment d, FakeAwsState s) {
        JsonNode alarms = d.configuration.path("alarms");
        List<String> firing = new ArrayList<>();
        if (alarms.path("enable").asBoolean(false) && alarms.path("rollback").asBoolean(false)) {
            alarms.path("alarmNames").forEach(n -> {
                if ("ALARM".equals(s.alarms.get(n.asText()))) {
                    firing.add(n.asText());
                }
            });
        }
        return firing;
    }

    private static String strategy(ServiceDeployment d) {
        return d.configuration.path("strategy").asText();
    }

    private static int percent(ServiceDeployment d, String block, String field) {
        return (int) Math.round(d.configuration.path(block).path(field).asDouble(100));
    }

    private static long bake(ServiceDeployment d, String block, String field) {
        return d.configuration.path(block).path(field).asLong(0) * 60;
    }

    private static String revision(Service v, String taskDefinitionArn, FakeAwsState s) {
        String cluster = v.clusterArn.substring(v.clusterArn.indexOf(":cluster/") + 9);
        String arn = "arn:aws:ecs:" + s.region + ":" + s.account + ":service-revision/" + cluster + "/" + v.name
                + "/" + String.format("%019d", Long.parseLong(s.nextId()));
        v.revisions.put(arn, taskDefinitionArn);
        return arn;
    }
}
