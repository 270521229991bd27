package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedStatus;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/**
 * Reads an ECS service deployment (DescribeServiceDeployments) and the production rule's split into the engine's
 * terms. ECS names revisions, not target groups: the original revision's slot is the one the rule's weights show it
 * in, given the share ECS reports for the target revision.
 */
final class EcsNativeProgress {

    /** ECS's lifecycle stages in the order a deployment walks them. */
    static final List<ServiceDeploymentLifecycleStage> STAGES = List.of(
            ServiceDeploymentLifecycleStage.RECONCILE_SERVICE, ServiceDeploymentLifecycleStage.PRE_SCALE_UP,
            ServiceDeploymentLifecycleStage.SCALE_UP, ServiceDeploymentLifecycleStage.POST_SCALE_UP,
            ServiceDeploymentLifecycleStage.TEST_TRAFFIC_SHIFT, ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT,
            ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT,
            ServiceDeploymentLifecycleStage.POST_PRODUCTION_TRAFFIC_SHIFT, ServiceDeploymentLifecycleStage.BAKE_TIME,
            ServiceDeploymentLifecycleStage.CLEAN_UP);

    private EcsNativeProgress() {
    }

    /**
     * @param split the production rule's split now
     * @param waitsForApproval whether the deployment waits at the approval hook that no approval has answered yet
     */
    static ManagedProgress of(ServiceDeployment d, TrafficSplit split, boolean waitsForApproval) {
        Integer target = share(d.targetServiceRevision());
        Slot original = original(split, target);
        ManagedStatus status = status(d, target, waitsForApproval);
        String stage = waitsForApproval ? "POST_TEST_TRAFFIC_SHIFT (waiting for approval)"
                : d.lifecycleStageAsString();
        String message = d.rollback() != null && d.rollback().reason() != null ? d.rollback().reason()
                : d.statusReason();
        return new ManagedProgress(d.serviceDeploymentArn(), status, stage, original, split, events(d), message);
    }

    private static ManagedStatus status(ServiceDeployment d, Integer target, boolean waitsForApproval) {
        return switch (d.statusAsString()) {
            case "SUCCESSFUL" -> ManagedStatus.SUCCEEDED;
            case "ROLLBACK_SUCCESSFUL" -> ManagedStatus.ROLLED_BACK;
            case "ROLLBACK_FAILED" -> ManagedStatus.FAILED;
            case "STOPPED" -> ManagedStatus.STOPPED;
            case "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS" -> ManagedStatus.ROLLING_BACK;
            default -> forward(d, target, waitsForApproval);
        };
    }

    /** PENDING or IN_PROGRESS: where the stage and the target revision's share put it. */
    private static ManagedStatus forward(ServiceDeployment d, Integer target, boolean waitsForApproval) {
        if (waitsForApproval) {
            return ManagedStatus.WAITING_FOR_APPROVAL;
        }
        int stage = STAGES.indexOf(d.lifecycleStage());
        int shift = STAGES.indexOf(ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
        if (stage > shift || target != null && target == 100) {
            // All production traffic moved; the previous revision runs until CLEAN_UP (BAKE_TIME).
            return ManagedStatus.TRAFFIC_MOVED;
        }
        return stage == shift ? ManagedStatus.SHIFTING : ManagedStatus.IN_PROGRESS;
    }

    /** The slot of the original revision: the one holding what the target revision does not. */
    private static Slot original(TrafficSplit split, Integer target) {
        if (split == null || target == null) {
            return null;
        }
        int share = 100 - target;
        boolean blue = split.blue() == share;
        boolean green = split.green() == share;
        return blue && !green ? Slot.BLUE : green && !blue ? Slot.GREEN : null;
    }

    private static Integer share(ServiceRevisionSummary revision) {
        return revision == null || revision.requestedProductionTrafficWeight() == null ? null
                : (int) Math.round(revision.requestedProductionTrafficWeight());
    }

    /** The stages completed so far, then the rollback when there is one: a list that only grows. */
    private static List<String> events(ServiceDeployment d) {
        List<String> events = new ArrayList<>();
        int stage = STAGES.indexOf(d.lifecycleStage());
        boolean succeeded = "SUCCESSFUL".equals(d.statusAsString());
        for (int i = 0; i < (succeeded ? STAGES.size() : stage); i++) {
            events.add(STAGES.get(i) + ": SUCCEEDED");
        }
        if (d.rollback() != null) {
            events.add("ROLLBACK: " + (d.rollback().reason() == null ? "started" : d.rollback().reason()));
        }
        return events;
    }
}
