package io.jenkins.plugins.ecsdeploy.core.fakeaws;

/**
 * What the fake holds for one ECS service, for assertions.
 *
 * @param taskDefinitionArn the PRIMARY deployment's task definition
 * @param image the image of the service's load-balanced container ({@code app} in the standard environment)
 * @param rolloutState the PRIMARY deployment's rollout state: IN_PROGRESS, COMPLETED or FAILED
 * @param deployments how many deployments the service has (more than one while a rollout is under way)
 */
public record ServiceView(
        String name,
        String arn,
        int desiredCount,
        int runningCount,
        int pendingCount,
        String taskDefinitionArn,
        String image,
        String rolloutState,
        int deployments) {

    static ServiceView of(FakeAwsState s, FakeAwsState.Service service) {
        FakeAwsState.Deployment primary = service.primary();
        String image = null;
        var definition = s.taskDefinitions.get(primary.taskDefinitionArn);
        if (definition != null) {
            for (var container : definition.path("containerDefinitions")) {
                if (image == null || container.path("name").asText().equals(service.containerName)) {
                    image = container.path("image").asText();
                }
            }
        }
        return new ServiceView(service.name, service.arn, primary.desiredCount,
                service.deployments.stream().mapToInt(d -> d.runningCount).sum(),
                service.deployments.stream().mapToInt(d -> d.pendingCount).sum(),
                primary.taskDefinitionArn, image, primary.rolloutState, service.deployments.size());
    }
}
