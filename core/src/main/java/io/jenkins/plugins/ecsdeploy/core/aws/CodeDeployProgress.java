package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedStatus;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.ECSTaskSet;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.TargetLabel;

/**
 * Reads a CodeDeploy ECS deployment (GetDeployment) and its ECS target (GetDeploymentTarget) into the engine's
 * terms. The original task set is the one CodeDeploy labels BLUE, the replacement GREEN; each is mapped to the slot
 * of its target group (slot BLUE is the group's first target group, whatever CodeDeploy's labels).
 */
final class CodeDeployProgress {

    private CodeDeployProgress() {
    }

    static ManagedProgress of(DeploymentInfo d, ECSTarget target, ResolvedEnvironment env) {
        List<ECSTaskSet> taskSets = target == null ? List.of() : target.taskSetsInfo();
        List<LifecycleEvent> lifecycle = target == null ? List.of() : target.lifecycleEvents();
        Slot original = slotOf(taskSets, TargetLabel.BLUE, env);
        TrafficSplit split = split(taskSets, env);
        String message = d.errorInformation() == null ? null
                : d.errorInformation().codeAsString() + ": " + d.errorInformation().message();
        return new ManagedProgress(d.deploymentId(), status(d, split, original), stage(d, lifecycle), original,
                split, events(lifecycle), message);
    }

    private static ManagedStatus status(DeploymentInfo d, TrafficSplit split, Slot original) {
        boolean backOnOriginal = original != null && split != null && split.percentOf(original) == 100;
        boolean rollback = d.rollbackInfo() != null || d.autoRollbackConfiguration() != null
                && Boolean.TRUE.equals(d.autoRollbackConfiguration().enabled());
        return switch (d.statusAsString()) {
            case "Created", "Queued" -> ManagedStatus.IN_PROGRESS;
            case "Ready" -> ManagedStatus.WAITING_FOR_APPROVAL;
            case "Baking" -> ManagedStatus.TRAFFIC_MOVED;
            case "Succeeded" -> ManagedStatus.SUCCEEDED;
            case "Failed", "Stopped" -> !rollback ? ("Failed".equals(d.statusAsString()) ? ManagedStatus.FAILED
                    : ManagedStatus.STOPPED) : backOnOriginal ? ManagedStatus.ROLLED_BACK : ManagedStatus.ROLLING_BACK;
            default -> inProgress(d, split, original);
        };
    }

    private static ManagedStatus inProgress(DeploymentInfo d, TrafficSplit split, Slot original) {
        if (Boolean.TRUE.equals(d.instanceTerminationWaitTimeStarted())) {
            return ManagedStatus.TRAFFIC_MOVED;
        }
        if (original != null && split != null && split.percentOf(original) < 100) {
            return ManagedStatus.SHIFTING;
        }
        return ManagedStatus.IN_PROGRESS;
    }

    /** The lifecycle event under way, else CodeDeploy's status. */
    private static String stage(DeploymentInfo d, List<LifecycleEvent> lifecycle) {
        if ("Ready".equals(d.statusAsString())) {
            return "READY_WAIT";
        }
        for (String status : new String[] {"InProgress", "Pending"}) {
            for (LifecycleEvent e : lifecycle) {
                if (status.equals(e.statusAsString())) {
                    return e.lifecycleEventName();
                }
            }
        }
        return d.statusAsString();
    }

    private static List<String> events(List<LifecycleEvent> lifecycle) {
        List<String> events = new ArrayList<>();
        for (LifecycleEvent e : lifecycle) {
            String status = e.statusAsString();
            if (status != null && !"Pending".equals(status) && !"InProgress".equals(status)) {
                events.add(e.lifecycleEventName() + ": " + status);
            }
        }
        return events;
    }

    private static Slot slotOf(List<ECSTaskSet> taskSets, TargetLabel label, ResolvedEnvironment env) {
        return taskSets.stream().filter(t -> t.taskSetLabel() == label && t.targetGroup() != null)
                .map(t -> slotOfGroup(t.targetGroup().name(), env)).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    private static Slot slotOfGroup(String name, ResolvedEnvironment env) {
        for (Slot slot : Slot.values()) {
            if (CodeDeployNames.targetGroupName(env.targetGroupArn(slot)).equals(name)) {
                return slot;
            }
        }
        return null;
    }

    /** The task sets' traffic weights per slot, or null when they do not add up to a split. */
    private static TrafficSplit split(List<ECSTaskSet> taskSets, ResolvedEnvironment env) {
        double blue = 0;
        double green = 0;
        for (ECSTaskSet t : taskSets) {
            Slot slot = t.targetGroup() == null ? null : slotOfGroup(t.targetGroup().name(), env);
            double weight = t.trafficWeight() == null ? 0 : t.trafficWeight();
            if (slot == Slot.BLUE) {
                blue += weight;
            } else if (slot == Slot.GREEN) {
                green += weight;
            }
        }
        long b = Math.round(blue);
        long g = Math.round(green);
        return b + g == 100 ? new TrafficSplit((int) b, (int) g) : null;
    }
}
