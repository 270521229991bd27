package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

class FakeEcsTest {

    private final FakeAws aws = FakeAws.builder().rolloutSteps(2).start();
    private final EcsClient ecs = SdkClients.ecs(aws);

    @AfterEach
    void stop() {
        ecs.close();
        aws.close();
    }

    private Service describe(String name) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(name)).services().get(0);
    }

    @Test
    void describesTheStandardServicesAndCluster() {
        var cluster = ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0);
        assertThat(cluster.clusterArn()).isEqualTo(CLUSTER_ARN);
        assertThat(cluster.activeServicesCount()).isEqualTo(2);
        assertThat(cluster.runningTasksCount()).isEqualTo(2);

        Service blue = describe(BLUE_SERVICE);
        assertThat(blue.serviceArn()).isEqualTo(BLUE_SERVICE_ARN);
        assertThat(blue.taskDefinition()).isEqualTo(TASK_DEFINITION_ARN);
        assertThat(blue.desiredCount()).isEqualTo(2);
        assertThat(blue.runningCount()).isEqualTo(2);
        assertThat(blue.deploymentController().typeAsString()).isEqualTo("ECS");
        assertThat(blue.loadBalancers().get(0).targetGroupArn()).isEqualTo(BLUE_TARGET_GROUP_ARN);
        assertThat(blue.deployments()).singleElement()
                .satisfies(d -> assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
        assertThat(describe(GREEN_SERVICE).desiredCount()).isZero();
    }

    @Test
    void rolloutProgressesToCompletedOverPollsAndItsTasksBecomeHealthyTargets() {
        String v2 = ecs.registerTaskDefinition(copyOfStandardWithImage("web:v2.0.0")).taskDefinition()
                .taskDefinitionArn();
        assertThat(v2).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2");

        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).taskDefinition(v2)
                .desiredCount(2)).service();
        assertThat(updated.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        assertThat(updated.deployments().get(0).rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(updated.pendingCount()).isEqualTo(2);

        Service halfway = describe(GREEN_SERVICE);
        assertThat(halfway.deployments().get(0).rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(halfway.runningCount()).isEqualTo(1);
        assertThat(halfway.pendingCount()).isEqualTo(1);

        Service done = describe(GREEN_SERVICE);
        assertThat(done.deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED");
            assertThat(d.taskDefinition()).isEqualTo(v2);
        });
        assertThat(done.runningCount()).isEqualTo(2);
        assertThat(done.pendingCount()).isZero();
        assertThat(aws.service(GREEN_SERVICE).image()).endsWith("web:v2.0.0");

        try (ElasticLoadBalancingV2Client elb = SdkClients.elb(aws)) {
            elb.describeTargetHealth(r -> r.targetGroupArn(GREEN_TARGET_GROUP_ARN));
            assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(GREEN_TARGET_GROUP_ARN))
                    .targetHealthDescriptions()).hasSize(2)
                    .allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"));
        }
    }

    @Test
    void failingRolloutEndsFailedAndScalingToZeroStopsTasks() {
        aws.rolloutFails(GREEN_SERVICE);
        String v2 = ecs.registerTaskDefinition(copyOfStandardWithImage("web:v2.0.0")).taskDefinition()
                .taskDefinitionArn();
        ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE).taskDefinition(v2).desiredCount(2));
        aws.tick();
        aws.tick();
        Service failed = describe(GREEN_SERVICE);
        assertThat(failed.deployments().get(0).rolloutStateAsString()).isEqualTo("FAILED");
        assertThat(failed.deployments().get(0).failedTasks()).isEqualTo(2);
        assertThat(failed.runningCount()).isZero();

        ecs.updateService(r -> r.cluster(CLUSTER).service(BLUE_SERVICE).desiredCount(0));
        assertThat(describe(BLUE_SERVICE).runningCount()).isZero();
        assertThat(aws.service(BLUE_SERVICE).runningCount()).isZero();
    }

    @Test
    void registeredTaskDefinitionRoundTripsEveryField() {
        RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder()
                .family("api").cpu("1024").memory("2048").networkMode(NetworkMode.AWSVPC)
                .executionRoleArn("arn:aws:iam::123456789012:role/exec").taskRoleArn("arn:aws:iam::123456789012:role/t")
                .requiresCompatibilities(Compatibility.FARGATE)
                .containerDefinitions(ContainerDefinition.builder().name("app").image("repo/api:1.2.3").essential(true)
                        .cpu(512).memory(1024).command("serve", "--port=8080")
                        .environment(KeyValuePair.builder().name("MODE").value("prod").build())
                        .portMappings(PortMapping.builder().containerPort(8080).build()).build(),
                        ContainerDefinition.builder().name("sidecar").image("repo/envoy:1").build())
                .tags(Tag.builder().key("team").value("core").build())
                .build();
        TaskDefinition registered = ecs.registerTaskDefinition(request).taskDefinition();

        DescribeTaskDefinitionResponse described = ecs.describeTaskDefinition(r -> r.taskDefinition("api")
                .include(TaskDefinitionField.TAGS));
        TaskDefinition definition = described.taskDefinition();
        assertThat(definition).isEqualTo(registered);
        assertThat(definition.revision()).isEqualTo(1);
        assertThat(definition.family()).isEqualTo("api");
        assertThat(definition.cpu()).isEqualTo("1024");
        assertThat(definition.memory()).isEqualTo("2048");
        assertThat(definition.networkMode()).isEqualTo(NetworkMode.AWSVPC);
        assertThat(definition.executionRoleArn()).isEqualTo(request.executionRoleArn());
        assertThat(definition.taskRoleArn()).isEqualTo(request.taskRoleArn());
        assertThat(definition.requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
        assertThat(definition.containerDefinitions()).isEqualTo(request.containerDefinitions());
        assertThat(described.tags()).isEqualTo(request.tags());
        assertThat(definition.registeredAt()).isNotNull();
        assertThat(aws.taskDefinition(definition.taskDefinitionArn()).path("family").asText()).isEqualTo("api");
        assertThat(aws.taskDefinition("api:1").path("containerDefinitions").get(0).path("command").get(1).asText())
                .isEqualTo("--port=8080");
    }

    @Test
    void standardTaskDefinitionHasTwoContainersAndTags() {
        DescribeTaskDefinitionResponse described = ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")
                .include(TaskDefinitionField.TAGS));
        assertThat(described.taskDefinition().containerDefinitions()).extracting(ContainerDefinition::name)
                .containsExactly(CONTAINER, "log-router");
        assertThat(described.taskDefinition().containerDefinitions().get(0).image()).isEqualTo(IMAGE);
        assertThat(described.taskDefinition().containerDefinitions().get(0).environment()).hasSize(2);
        assertThat(described.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(TASK_DEFINITION_ARN)).tags()).isEmpty();
    }

    @Test
    void errorsAreTheOnesEcsSends() {
        assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("staging").services(BLUE_SERVICE)))
                .isInstanceOf(ClusterNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web-red").desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE)
                .taskDefinition("web:99"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("nope:1")))
                .isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.family("web")))
                .isInstanceOf(ClientException.class).hasMessageContaining("Container list cannot be empty");

        var response = ecs.describeServices(r -> r.cluster(CLUSTER).services(BLUE_SERVICE, "web-red"));
        assertThat(response.services()).extracting(Service::serviceName).containsExactly(BLUE_SERVICE);
        assertThat(response.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/prod/web-red");
        });
        assertThat(aws.service(GREEN_SERVICE).taskDefinitionArn()).isEqualTo(TASK_DEFINITION_ARN);
    }

    @Test
    void codeDeployServicesRefuseTaskDefinitionUpdates() {
        aws.edit(s -> s.service(GREEN_SERVICE).deploymentController = "CODE_DEPLOY");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service(GREEN_SERVICE)
                .taskDefinition(TASK_DEFINITION_ARN).forceNewDeployment(true)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("CODE_DEPLOY");
        assertThat(aws.calls("UpdateService").get(0).json().path("service").asText()).isEqualTo(GREEN_SERVICE);
    }

    /** The standard revision as a register request, with another image tag for the app container. */
    private RegisterTaskDefinitionRequest copyOfStandardWithImage(String repositoryAndTag) {
        TaskDefinition current = ecs.describeTaskDefinition(r -> r.taskDefinition(TASK_DEFINITION_ARN))
                .taskDefinition();
        List<ContainerDefinition> containers = current.containerDefinitions().stream()
                .map(c -> c.name().equals(CONTAINER)
                        ? c.toBuilder().image("123456789012.dkr.ecr.us-east-1.amazonaws.com/" + repositoryAndTag)
                                .build()
                        : c)
                .toList();
        return RegisterTaskDefinitionRequest.builder().family(current.family()).cpu(current.cpu())
                .memory(current.memory()).networkMode(current.networkMode())
                .executionRoleArn(current.executionRoleArn()).taskRoleArn(current.taskRoleArn())
                .requiresCompatibilities(current.requiresCompatibilities()).containerDefinitions(containers).build();
    }
}
