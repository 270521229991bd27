package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A new revision of a task definition that differs only in one container's image tag. Every field that
 * RegisterTaskDefinition accepts is carried over, so nothing the service relies on (roles, secrets, sizes,
 * volumes, tags) is lost on deploy.
 */
final class TaskDefinitionCopy {

    private TaskDefinitionCopy() {
    }

    /** The named container, or an error that lists the containers there are. */
    static ContainerDefinition container(TaskDefinition td, String containerName) {
        return td.containerDefinitions().stream()
                .filter(c -> containerName.equals(c.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Task definition " + td.taskDefinitionArn()
                        + " has no container named '" + containerName + "'; it has " + names(td)
                        + ". Set container in the environment config to the one whose image is deployed."));
    }

    static String names(TaskDefinition td) {
        return td.containerDefinitions().stream().map(c -> "'" + c.name() + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static RegisterTaskDefinitionRequest withImageTag(DescribeTaskDefinitionResponse source, String containerName,
            String imageTag) {
        TaskDefinition td = source.taskDefinition();
        container(td, containerName);
        List<ContainerDefinition> containers = td.containerDefinitions().stream()
                .map(c -> containerName.equals(c.name())
                        ? c.toBuilder().image(ImageReference.withTag(c.image(), imageTag)).build()
                        : c)
                .toList();
        // Lists AWS left out stay unset (the SDK keeps them "auto-constructed"), so none is sent as [].
        return RegisterTaskDefinitionRequest.builder()
                .family(td.family())
                .taskRoleArn(td.taskRoleArn())
                .executionRoleArn(td.executionRoleArn())
                .networkMode(td.networkModeAsString())
                .containerDefinitions(containers)
                .volumes(td.volumes())
                .placementConstraints(td.placementConstraints())
                .requiresCompatibilitiesWithStrings(td.requiresCompatibilitiesAsStrings())
                .cpu(td.cpu())
                .memory(td.memory())
                .tags(source.tags())
                .pidMode(td.pidModeAsString())
                .ipcMode(td.ipcModeAsString())
                .proxyConfiguration(td.proxyConfiguration())
                .inferenceAccelerators(td.inferenceAccelerators())
                .ephemeralStorage(td.ephemeralStorage())
                .runtimePlatform(td.runtimePlatform())
                .enableFaultInjection(td.enableFaultInjection())
                .build();
    }
}
