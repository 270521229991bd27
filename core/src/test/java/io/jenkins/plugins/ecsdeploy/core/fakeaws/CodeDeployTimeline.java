package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployDeployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployGroup;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.TaskSet;
import java.time.Clock;
import java.util.List;

/**
 * How a CodeDeploy ECS blue/green deployment moves on the fake's clock, one {@link FakeAwsState#codeDeployStepSeconds}
 * per step: install the replacement task set behind the idle target group (hooks BeforeInstall, AfterInstall), point
 * the test listener at it (AfterAllowTestTraffic), wait at the ready point if the group says so, then shift the
 * production listener's weights by the deployment config (all at once, canary, linear), and keep the original task
 * set through the termination wait. An alarm of the group in ALARM, a failing hook or a stop with rollback puts the
 * listener back on the original one step later and removes the replacement, as CodeDeploy's rollback does.
 */
final class CodeDeployTimeline {

    static final List<String> EVENTS = List.of("BeforeInstall", "Install", "AfterInstall", "AllowTestTraffic",
            "AfterAllowTestTraffic", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic");

    private final Clock clock;

    CodeDeployTimeline(Clock clock) {
        this.clock = clock;
    }

    void begin(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s) {
        long now = now();
        d.createdAt = now;
        d.stepAt = now;
        d.status = "InProgress";
        EVENTS.forEach(e -> d.events.put(e, "Pending"));
        d.events.put("BeforeInstall", "InProgress");
        d.originalTaskSet = s.taskSets.stream().filter(t -> t.service.equals(g.service)).findFirst()
                .map(t -> t.id).orElseThrow(() -> AwsError.client("InvalidECSServiceException", "The ECS service "
                        + g.service + " has no task set: create it with the CODE_DEPLOY deployment controller."));
    }

    void settle(FakeAwsState s) {
        for (CodeDeployDeployment d : s.codeDeployDeployments.values()) {
            CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
            while (FakeCodeDeploy.UNDER_WAY.contains(d.status) && !alarmed(d, g, s) && advance(d, g, s)) {
                // each pass takes one step whose time has come
            }
            if ("ROLLING_BACK".equals(d.step) && now() >= d.stepAt + s.codeDeployStepSeconds) {
                rolledBack(d, g, s);
            }
        }
    }

    /** ContinueDeployment: past the ready point, or the end of the termination wait. */
    void proceed(CodeDeployDeployment d, String waitType, FakeAwsState s) {
        CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
        if ("READY_WAIT".equals(waitType) && "READY".equals(d.step)) {
            d.status = "InProgress";
            next(d, "BEFORE_TRAFFIC");
            d.events.put("BeforeAllowTraffic", "InProgress");
        } else if ("TERMINATION_WAIT".equals(waitType) && "TERMINATION_WAIT".equals(d.step)) {
            succeed(d, g, s);
        } else {
            throw AwsError.client("DeploymentIsNotInReadyStateException", "The deployment " + d.id + " is not in"
                    + " the " + waitType + " state (it is " + d.status + ", step " + d.step + ").");
        }
    }

    /** StopDeployment, a failing hook or an alarm: with rollback, traffic goes back one step later. */
    void stop(CodeDeployDeployment d, boolean rollback, String why, FakeAwsState s) {
        d.status = "Stopped";
        d.errorCode = d.errorCode == null ? "DEPLOYMENT_STOPPED" : d.errorCode;
        d.errorMessage = d.errorMessage == null ? why : d.errorMessage;
        d.events.replaceAll((name, status) -> "InProgress".equals(status) || "Pending".equals(status)
                ? "Skipped" : status);
        if (rollback && d.replacementTaskSet != null) {
            d.rollback = true;
            next(d, "ROLLING_BACK");
        } else {
            d.rollback = rollback;
            next(d, "DONE");
        }
    }

    private boolean alarmed(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s) {
        if (!g.alarmsEnabled || "TERMINATION_WAIT".equals(d.step)) {
            return false;
        }
        for (String alarm : g.alarms) {
            if ("ALARM".equals(s.alarms.get(alarm))) {
                d.errorCode = "ALARM_ACTIVE";
                d.errorMessage = "One or more alarms have been activated according to the Amazon CloudWatch metrics"
                        + " you selected: " + alarm;
                stop(d, g.autoRollback, d.errorMessage, s);
                return true;
            }
        }
        return false;
    }

    /** Takes the current step if its time has come; false when the deployment waits. */
    private boolean advance(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s) {
        long now = now();
        long due = d.stepAt + s.codeDeployStepSeconds;
        switch (d.step) {
            case "INSTALL" -> {
                if (now < due) {
                    return false;
                }
                if (!hook(d, "BeforeInstall", s) || !install(d, g, s) || !hook(d, "AfterInstall", s)) {
                    return true;
                }
                next(d, "TEST_TRAFFIC");
            }
            case "TEST_TRAFFIC" -> {
                if (now < due) {
                    return false;
                }
                if (g.testListenerArn != null) {
                    CodeDeployReplies.forward(s, g.testListenerArn, replacementTg(d, s), 0, null);
                }
                d.events.put("AllowTestTraffic", "Succeeded");
                if (!hook(d, "AfterAllowTestTraffic", s)) {
                    return true;
                }
                if (g.readyWait) {
                    d.status = "Ready";
                    next(d, "READY");
                    return false;
                }
                next(d, "BEFORE_TRAFFIC");
            }
            case "BEFORE_TRAFFIC" -> {
                if (now < due) {
                    return false;
                }
                if (!hook(d, "BeforeAllowTraffic", s)) {
                    return true;
                }
                d.events.put("AllowTraffic", "InProgress");
                next(d, "SHIFT");
                shift(d, g, s, 0);
            }
            case "SHIFT" -> {
                int percent = CodeDeployReplies.percentAt(s.deploymentConfigs.get(d.config), now - d.stepAt);
                if (percent == d.percent) {
                    return false;
                }
                shift(d, g, s, percent);
                if (percent < 100) {
                    return true;
                }
                d.events.put("AllowTraffic", "Succeeded");
                if (!hook(d, "AfterAllowTraffic", s)) {
                    return true;
                }
                if (g.terminationWaitMinutes > 0) {
                    d.terminationWaitStarted = true;
                    next(d, "TERMINATION_WAIT");
                } else {
                    succeed(d, g, s);
                }
            }
            case "TERMINATION_WAIT" -> {
                if (now < d.stepAt + g.terminationWaitMinutes * 60) {
                    return false;
                }
                succeed(d, g, s);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Runs the hook of {@code event}: Succeeded, or Failed (for a function in failingHooks) with a stop. */
    private boolean hook(CodeDeployDeployment d, String event, FakeAwsState s) {
        String function = CodeDeployReplies.hookFunction(d.appSpec, event);
        if (function != null && s.failingHooks.contains(function)) {
            d.events.put(event, "Failed");
            d.errorCode = "HOOK_FAILED";
            d.errorMessage = "The deployment failed because a specified lifecycle event hook (" + function
                    + ") failed at " + event + ".";
            CodeDeployGroup g = s.codeDeployGroups.get(d.application + "/" + d.group);
            stop(d, g.autoRollback, d.errorMessage, s);
            d.status = "Failed";
            return false;
        }
        d.events.put(event, "Succeeded");
        return true;
    }

    /** Creates the replacement task set, already healthy, behind the target group the original is not behind. */
    private boolean install(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s) {
        TaskSet original = FakeCodeDeploy.taskSet(s, d.originalTaskSet);
        TaskSet replacement = new TaskSet();
        replacement.id = "ecs-svc/" + String.format("%019d", Long.parseLong(s.nextId()));
        replacement.service = g.service;
        replacement.taskDefinitionArn = d.taskDefinitionArn;
        replacement.targetGroupArn = g.targetGroups.stream().map(n -> s.targetGroupNamed(n).arn)
                .filter(arn -> !arn.equals(original.targetGroupArn)).findFirst().orElseThrow();
        for (int i = 0; i < Math.max(1, original.tasks.size()); i++) {
            FakeAwsState.Task task = FakeEcs.newTask(d.taskDefinitionArn, s);
            task.healthPolls = s.healthyAfterPolls;
            replacement.tasks.add(task);
        }
        s.taskSets.add(replacement);
        d.replacementTaskSet = replacement.id;
        d.events.put("Install", "Succeeded");
        return true;
    }

    private void shift(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s, int percent) {
        d.percent = percent;
        CodeDeployReplies.forward(s, g.prodListenerArn, replacementTg(d, s), percent,
                FakeCodeDeploy.taskSet(s, d.originalTaskSet).targetGroupArn);
    }

    /** The original task set goes; the service runs the replacement's revision. */
    private void succeed(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s) {
        s.taskSets.removeIf(t -> t.id.equals(d.originalTaskSet));
        Service service = s.service(g.service);
        service.primary().taskDefinitionArn = d.taskDefinitionArn;
        d.terminationWaitStarted = true;
        d.status = "Succeeded";
        next(d, "DONE");
    }

    private void rolledBack(CodeDeployDeployment d, CodeDeployGroup g, FakeAwsState s) {
        TaskSet original = FakeCodeDeploy.taskSet(s, d.originalTaskSet);
        CodeDeployReplies.forward(s, g.prodListenerArn, original.targetGroupArn, 100, null);
        if (g.testListenerArn != null) {
            CodeDeployReplies.forward(s, g.testListenerArn, original.targetGroupArn, 100, null);
        }
        s.taskSets.removeIf(t -> t.id.equals(d.replacementTaskSet));
        d.percent = 0;
        next(d, "ROLLED_BACK");
    }

    private static String replacementTg(CodeDeployDeployment d, FakeAwsState s) {
        return FakeCodeDeploy.taskSet(s, d.replacementTaskSet).targetGroupArn;
    }

    private void next(CodeDeployDeployment d, String step) {
        d.step = step;
        d.stepAt = now();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
