package io.jenkins.plugins.ecsdeploy.core.memory;

import io.jenkins.plugins.ecsdeploy.core.engine.port.ServiceControl;
import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ECS services of {@link InMemoryAws}, one per slot, and the task definition family {@code web}. A rollout or a
 * scale-up finishes after {@link #ROLLOUT_STEPS} describes of its service, as the wire-level fake's do by default;
 * scaling down stops tasks at once.
 */
final class MemoryServices implements ServiceControl {

    static final int ROLLOUT_STEPS = 2;
    private static final String FAMILY_ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:";

    private final InMemoryAws aws;
    /** The image of each revision of {@code web}, revision 1 first. */
    private final List<String> images = new ArrayList<>(
            List.of("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1.0.0"));
    private final Map<Slot, Service> services = new EnumMap<>(Slot.class);
    final Set<Slot> failing = EnumSet.noneOf(Slot.class);

    MemoryServices(InMemoryAws aws) {
        this.aws = aws;
        services.put(Slot.BLUE, new Service(FAMILY_ARN + 1, 2));
        services.put(Slot.GREEN, new Service(FAMILY_ARN + 1, 0));
    }

    @Override
    public ServiceSnapshot describe(Slot slot) {
        aws.record("DescribeServices");
        Service s = services.get(slot);
        s.step(failing.contains(slot));
        String name = "web-" + slot.id();
        return new ServiceSnapshot(name, "arn:aws:ecs:us-east-1:123456789012:service/prod/" + name, "ACTIVE", "ECS",
                s.taskDefinitionArn, s.desired, s.running, s.desired - s.running, s.rolloutState,
                "FAILED".equals(s.rolloutState) ? "ECS deployment circuit breaker: tasks failed to start." : null,
                "COMPLETED".equals(s.rolloutState) ? 1 : 2);
    }

    @Override
    public TaskDefinitionSummary taskDefinition(String taskDefinitionArn) {
        aws.record("DescribeTaskDefinition");
        int revision = Integer.parseInt(taskDefinitionArn.substring(FAMILY_ARN.length()));
        return new TaskDefinitionSummary(taskDefinitionArn, "web", revision, images.get(revision - 1));
    }

    @Override
    public String registerWithImageTag(String sourceTaskDefinitionArn, String imageTag) {
        String image = taskDefinition(sourceTaskDefinitionArn).image();
        aws.record("RegisterTaskDefinition");
        images.add(ImageReference.withTag(image, imageTag));
        return FAMILY_ARN + images.size();
    }

    @Override
    public void update(Slot slot, String taskDefinitionArn, int desiredCount) {
        aws.record("UpdateService");
        Service s = services.get(slot);
        s.rollOut(!taskDefinitionArn.equals(s.taskDefinitionArn), desiredCount);
        s.taskDefinitionArn = taskDefinitionArn;
    }

    @Override
    public void scale(Slot slot, int desiredCount) {
        aws.record("UpdateService");
        services.get(slot).rollOut(false, desiredCount);
    }

    int running(Slot slot) {
        return services.get(slot).running;
    }

    InMemoryAws.ServiceView view(Slot slot) {
        Service s = services.get(slot);
        return new InMemoryAws.ServiceView(taskDefinition(s.taskDefinitionArn).image(), s.desired);
    }

    /** One service: what it runs, and how far its latest rollout is. */
    private static final class Service {
        String taskDefinitionArn;
        int desired;
        int running;
        int from;
        int steps = ROLLOUT_STEPS;
        String rolloutState = "COMPLETED";

        Service(String taskDefinitionArn, int tasks) {
            this.taskDefinitionArn = taskDefinitionArn;
            this.desired = tasks;
            this.running = tasks;
        }

        void rollOut(boolean newRevision, int desiredCount) {
            desired = desiredCount;
            if (!newRevision && desiredCount <= running) {
                running = desiredCount;
                return;
            }
            from = newRevision ? 0 : running;
            running = from;
            steps = 0;
            rolloutState = "IN_PROGRESS";
        }

        void step(boolean fails) {
            if (!"IN_PROGRESS".equals(rolloutState)) {
                return;
            }
            steps++;
            if (steps < ROLLOUT_STEPS) {
                running = from + (desired - from) * steps / ROLLOUT_STEPS;
            } else if (fails) {
                running = 0;
                rolloutState = "FAILED";
            } else {
                running = desired;
                rolloutState = "COMPLETED";
            }
        }
    }
}
