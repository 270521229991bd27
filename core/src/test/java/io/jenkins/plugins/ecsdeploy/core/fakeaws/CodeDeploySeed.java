package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.BLUE_TARGET_GROUP;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.BLUE_TARGET_GROUP_ARN;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.CLUSTER;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.CLUSTER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.GREEN_TARGET_GROUP;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.TASK_DEFINITION_ARN;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.TEST_LISTENER_ARN;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.CodeDeployGroup;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.TaskSet;

/**
 * Turns the standard environment into one deployed by CodeDeploy: service {@code web} (CODE_DEPLOY controller,
 * Fargate 1.4.0 in two subnets) whose original task set runs {@code web:1} with two tasks behind {@code web-blue};
 * application {@code web} with group {@code web-dg} over the pair web-blue/web-green, the production listener (443)
 * and the test listener (8443), all at once, a five-minute termination wait and no ready wait.
 */
public final class CodeDeploySeed {

    public static final String SERVICE = "web";
    public static final String APPLICATION = "web";
    public static final String GROUP = "web-dg";
    public static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/web";

    /** The environment file of the seeded group; {@code ${endpoint}} stands for the fake's address. */
    public static final String CONFIG = """
            name: web-cd
            region: us-east-1
            endpointUrl: ${endpoint}
            container: app
            codeDeploy:
              application: web
              deploymentGroup: web-dg
              containerPort: 8080
            health:
              pollInterval: 10s
              bakeTime: 1m
            analysis:
              interval: 60s
            """;

    private CodeDeploySeed() {
    }

    public static void seed(FakeAwsState s) {
        s.services.clear();
        Service service = new Service();
        service.name = SERVICE;
        service.arn = SERVICE_ARN;
        service.clusterArn = CLUSTER_ARN;
        service.deploymentController = "CODE_DEPLOY";
        service.platformVersion = "1.4.0";
        service.subnets.add("subnet-0aaa");
        service.subnets.add("subnet-0bbb");
        service.securityGroups.add("sg-0web");
        FakeAwsState.Deployment primary = FakeEcs.deployment(s, TASK_DEFINITION_ARN, 2, java.time.Instant.EPOCH);
        primary.runningCount = 2;
        primary.pendingCount = 0;
        primary.rolloutState = "COMPLETED";
        service.deployments.add(primary);
        s.services.put(service.arn, service);

        TaskSet original = new TaskSet();
        original.id = "ecs-svc/0000000000000000001";
        original.service = SERVICE;
        original.taskDefinitionArn = TASK_DEFINITION_ARN;
        original.targetGroupArn = BLUE_TARGET_GROUP_ARN;
        for (int i = 0; i < 2; i++) {
            FakeAwsState.Task task = FakeEcs.newTask(TASK_DEFINITION_ARN, s);
            task.healthPolls = s.healthyAfterPolls;
            original.tasks.add(task);
        }
        s.taskSets.add(original);

        s.codeDeployApps.put(APPLICATION, "ECS");
        CodeDeployGroup g = new CodeDeployGroup();
        g.application = APPLICATION;
        g.name = GROUP;
        g.cluster = CLUSTER;
        g.service = SERVICE;
        g.targetGroups.add(BLUE_TARGET_GROUP);
        g.targetGroups.add(GREEN_TARGET_GROUP);
        g.prodListenerArn = LISTENER_ARN;
        g.testListenerArn = TEST_LISTENER_ARN;
        s.codeDeployGroups.put(APPLICATION + "/" + GROUP, g);
    }

    /** The seeded group, to change its settings in {@link FakeAws#edit}. */
    public static CodeDeployGroup group(FakeAwsState s) {
        return s.codeDeployGroups.get(APPLICATION + "/" + GROUP);
    }
}
