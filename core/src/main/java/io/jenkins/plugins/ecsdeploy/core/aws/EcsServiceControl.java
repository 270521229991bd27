package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ServiceControl;
import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.ServiceSnapshot;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TaskDefinitionSummary;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The slots' ECS services: what they run, new task definition revisions, and rollouts. */
public final class EcsServiceControl implements ServiceControl {

    private final EcsClient ecs;
    private final ResolvedEnvironment env;
    private final String containerName;
    private final TaskDefinitionReads reads;

    /**
     * @param containerName the container, in the services' task definitions, whose image is deployed
     */
    public EcsServiceControl(EcsClient ecs, ResolvedEnvironment env, String containerName) {
        this(ecs, env, containerName, new TaskDefinitionReads(ecs));
    }

    /** @param reads the task definitions the engine's preflight read, reused here */
    EcsServiceControl(EcsClient ecs, ResolvedEnvironment env, String containerName, TaskDefinitionReads reads) {
        if (containerName == null || containerName.isBlank()) {
            throw new IllegalArgumentException("container is not set: name the container, in the task definition,"
                    + " whose image is deployed.");
        }
        this.ecs = ecs;
        this.env = env;
        this.containerName = containerName;
        this.reads = reads;
    }

    @Override
    public ServiceSnapshot describe(Slot slot) {
        String name = env.service(slot);
        DescribeServicesResponse reply = AwsErrors.call("ecs:DescribeServices", serviceText(slot),
                serviceField(slot), () -> ecs.describeServices(b -> b.cluster(env.clusterArn()).services(name)));
        return snapshot(reply, slot);
    }

    /** One DescribeServices for both slots' services. */
    @Override
    public Map<Slot, ServiceSnapshot> describeBoth() {
        DescribeServicesResponse reply = AwsErrors.call("ecs:DescribeServices", serviceText(Slot.BLUE) + " and "
                + env.service(Slot.GREEN), "slots.*.service", () -> ecs.describeServices(b -> b.cluster(env.clusterArn())
                        .services(env.service(Slot.BLUE), env.service(Slot.GREEN))));
        Map<Slot, ServiceSnapshot> both = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            both.put(slot, snapshot(reply, slot));
        }
        return both;
    }

    private ServiceSnapshot snapshot(DescribeServicesResponse reply, Slot slot) {
        String name = env.service(slot);
        Service s = reply.hasServices() ? reply.services().stream()
                .filter(x -> name.equals(x.serviceName()) || name.equals(x.serviceArn())).findFirst().orElse(null)
                : null;
        if (s == null) {
            String reason = reply.failures().stream().filter(f -> f.arn() == null || f.arn().endsWith("/" + name)
                    || f.arn().equals(name)).map(Failure::reason).findFirst().orElse("MISSING");
            throw new AwsFailure("DescribeServices", reason, false, "ecs:DescribeServices found no "
                    + serviceText(slot) + " (" + reason + "): check " + serviceField(slot)
                    + " in the environment config.", null);
        }
        String controller = s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
        if (TaskSetSnapshots.applies(s)) {
            return TaskSetSnapshots.of(s, controller, env.targetGroupArn(slot));
        }
        Deployment primary = s.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).findFirst()
                .orElse(null);
        return new ServiceSnapshot(s.serviceName(), s.serviceArn(), s.status(), controller, s.taskDefinition(),
                count(s.desiredCount()), count(s.runningCount()), count(s.pendingCount()),
                primary == null ? null : primary.rolloutStateAsString(),
                primary == null ? null : primary.rolloutStateReason(),
                s.deployments().size());
    }

    @Override
    public TaskDefinitionSummary taskDefinition(String taskDefinitionArn) {
        TaskDefinition td = reads.any(taskDefinitionArn).taskDefinition();
        return new TaskDefinitionSummary(td.taskDefinitionArn(), td.family(), count(td.revision()),
                TaskDefinitionCopy.container(td, containerName).image());
    }

    @Override
    public String registerWithImageTag(String sourceTaskDefinitionArn, String imageTag) {
        ImageReference.requireValidTag(imageTag);
        DescribeTaskDefinitionResponse source = reads.withTags(sourceTaskDefinitionArn);
        RegisterTaskDefinitionRequest request = TaskDefinitionCopy.withImageTag(source, containerName, imageTag);
        return AwsErrors.call("ecs:RegisterTaskDefinition", "task definition family " + request.family(), null,
                () -> ecs.registerTaskDefinition(request)).taskDefinition().taskDefinitionArn();
    }

    @Override
    public void update(Slot slot, String taskDefinitionArn, int desiredCount) {
        requireCount(desiredCount);
        AwsErrors.call("ecs:UpdateService", serviceText(slot), serviceField(slot),
                () -> ecs.updateService(b -> b.cluster(env.clusterArn()).service(env.service(slot))
                        .taskDefinition(taskDefinitionArn).desiredCount(desiredCount)));
    }

    @Override
    public void scale(Slot slot, int desiredCount) {
        requireCount(desiredCount);
        AwsErrors.call("ecs:UpdateService", serviceText(slot), serviceField(slot),
                () -> ecs.updateService(b -> b.cluster(env.clusterArn()).service(env.service(slot))
                        .desiredCount(desiredCount)));
    }

    private String serviceText(Slot slot) {
        return "service " + env.service(slot) + " in cluster " + env.clusterArn();
    }

    private static String serviceField(Slot slot) {
        return "slots." + slot.id() + ".service";
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }

    private static void requireCount(int desiredCount) {
        if (desiredCount < 0) {
            throw new IllegalArgumentException("Desired task count must be 0 or more, got " + desiredCount + ".");
        }
    }
}
