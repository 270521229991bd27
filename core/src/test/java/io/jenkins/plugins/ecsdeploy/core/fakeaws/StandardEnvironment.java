package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Action;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Deployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Weighted;
import java.time.Instant;
import java.util.List;

/**
 * Seeds the environment most tests deploy to: cluster {@code prod} with services {@code web-blue} (2 tasks, all
 * production traffic) and {@code web-green} (idle), task definition {@code web:1}, ALB {@code web-alb} with a
 * production listener (443, plus a rule at priority 10) and a test listener (8443) pointing at green.
 */
final class StandardEnvironment {

    private StandardEnvironment() {}

    static void seed(FakeAwsState s, Instant now) {
        s.clusters.put(CLUSTER, CLUSTER_ARN);
        String taskDefinition = TaskDefinitions.register(s, taskDefinitionBody(), now);
        addTargetGroup(s, BLUE_TARGET_GROUP, BLUE_TARGET_GROUP_ARN);
        addTargetGroup(s, GREEN_TARGET_GROUP, GREEN_TARGET_GROUP_ARN);
        addService(s, BLUE_SERVICE, BLUE_SERVICE_ARN, BLUE_TARGET_GROUP_ARN, taskDefinition, 2, now);
        addService(s, GREEN_SERVICE, GREEN_SERVICE_ARN, GREEN_TARGET_GROUP_ARN, taskDefinition, 0, now);

        FakeAwsState.LoadBalancer lb = new FakeAwsState.LoadBalancer();
        lb.arn = LOAD_BALANCER_ARN;
        lb.name = LOAD_BALANCER;
        s.loadBalancers.put(lb.arn, lb);
        addListener(s, LISTENER_ARN, 443, forward(100, 0));
        addListener(s, TEST_LISTENER_ARN, 8443, forwardTo(GREEN_TARGET_GROUP_ARN));
        addRule(s, RULE_ARN, LISTENER_ARN, "10", forward(100, 0));
        addRule(s, DEFAULT_RULE_ARN, LISTENER_ARN, "default", null);
        addRule(s, TEST_DEFAULT_RULE_ARN, TEST_LISTENER_ARN, "default", null);
        addHostedZone(s);
        addAppRunnerService(s, "api-blue", APP_RUNNER_BLUE_ARN);
        addAppRunnerService(s, "api-green", APP_RUNNER_GREEN_ARN);
    }

    /** A running App Runner service of {@link FakeAws#APP_RUNNER_IMAGE}. */
    private static void addAppRunnerService(FakeAwsState s, String name, String arn) {
        FakeAwsState.AppRunnerService service = new FakeAwsState.AppRunnerService();
        service.name = name;
        service.arn = arn;
        service.id = arn.substring(arn.lastIndexOf('/') + 1);
        service.url = name + ".us-east-1.awsapprunner.com";
        service.image = APP_RUNNER_IMAGE;
        s.appRunnerServices.put(arn, service);
    }

    /** Zone example.com with weighted CNAMEs api.example.com: api-blue (weight 100) and api-green (0), TTL 60 s. */
    private static void addHostedZone(FakeAwsState s) {
        FakeAwsState.HostedZone zone = new FakeAwsState.HostedZone();
        zone.id = HOSTED_ZONE_ID;
        zone.name = "example.com.";
        zone.records.add(weighted(BLUE_SET_IDENTIFIER, 100, "blue.example.net"));
        zone.records.add(weighted(GREEN_SET_IDENTIFIER, 0, "green.example.net"));
        s.hostedZones.put(zone.id, zone);
    }

    private static FakeAwsState.RecordSet weighted(String setIdentifier, long weight, String value) {
        FakeAwsState.RecordSet r = new FakeAwsState.RecordSet();
        r.name = RECORD_NAME + ".";
        r.type = "CNAME";
        r.setIdentifier = setIdentifier;
        r.weight = weight;
        r.ttl = 60L;
        r.values.add(value);
        return r;
    }

    /** A forward action to blue and green with the given weights. */
    private static Action forward(int blueWeight, int greenWeight) {
        Action action = new Action();
        action.targetGroups.add(new Weighted(BLUE_TARGET_GROUP_ARN, blueWeight));
        action.targetGroups.add(new Weighted(GREEN_TARGET_GROUP_ARN, greenWeight));
        return action;
    }

    /** A forward action to one target group, as ELB stores a plain {@code TargetGroupArn}. */
    private static Action forwardTo(String targetGroupArn) {
        Action action = new Action();
        action.targetGroups.add(new Weighted(targetGroupArn, 1));
        return action;
    }

    private static ObjectNode taskDefinitionBody() {
        ObjectNode body = WireFormat.JSON.createObjectNode()
                .put("family", FAMILY)
                .put("taskRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/web-task")
                .put("executionRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/ecsTaskExecutionRole")
                .put("networkMode", "awsvpc")
                .put("cpu", "512")
                .put("memory", "1024");
        body.putArray("requiresCompatibilities").add("FARGATE");
        ArrayNode containers = body.putArray("containerDefinitions");
        ObjectNode app = containers.addObject().put("name", CONTAINER).put("image", IMAGE).put("essential", true)
                .put("cpu", 384).put("memory", 768);
        app.putArray("portMappings").addObject().put("containerPort", 8080).put("hostPort", 8080)
                .put("protocol", "tcp");
        ArrayNode environment = app.putArray("environment");
        environment.addObject().put("name", "SPRING_PROFILES_ACTIVE").put("value", "prod");
        environment.addObject().put("name", "LOG_LEVEL").put("value", "info");
        app.putObject("logConfiguration").put("logDriver", "awsfirelens");
        containers.addObject().put("name", "log-router")
                .put("image", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
                .put("essential", true).put("cpu", 128).put("memory", 256)
                .putObject("firelensConfiguration").put("type", "fluentbit");
        body.putArray("tags").addObject().put("key", "team").put("value", "payments");
        return body;
    }

    private static void addTargetGroup(FakeAwsState s, String name, String arn) {
        FakeAwsState.TargetGroup tg = new FakeAwsState.TargetGroup();
        tg.name = name;
        tg.arn = arn;
        s.targetGroups.put(arn, tg);
    }

    private static void addService(FakeAwsState s, String name, String arn, String targetGroupArn,
            String taskDefinition, int count, Instant now) {
        Service service = new Service();
        service.name = name;
        service.arn = arn;
        service.clusterArn = CLUSTER_ARN;
        service.targetGroupArn = targetGroupArn;
        Deployment d = FakeEcs.deployment(s, taskDefinition, count, now);
        d.status = "PRIMARY";
        d.runningCount = count;
        d.pendingCount = 0;
        d.rolloutState = "COMPLETED";
        d.rolloutStateReason = "ECS deployment " + d.id + " completed.";
        service.deployments.add(d);
        for (int i = 0; i < count; i++) {
            FakeAwsState.Task task = FakeEcs.newTask(taskDefinition, s);
            task.healthPolls = s.healthyAfterPolls;
            service.tasks.add(task);
        }
        s.services.put(arn, service);
    }

    private static void addListener(FakeAwsState s, String arn, int port, Action action) {
        FakeAwsState.Listener listener = new FakeAwsState.Listener();
        listener.arn = arn;
        listener.loadBalancerArn = LOAD_BALANCER_ARN;
        listener.port = port;
        listener.actions.add(action);
        s.listeners.put(arn, listener);
    }

    private static void addRule(FakeAwsState s, String arn, String listenerArn, String priority, Action action) {
        FakeAwsState.Rule rule = new FakeAwsState.Rule();
        rule.arn = arn;
        rule.listenerArn = listenerArn;
        rule.priority = priority;
        rule.isDefault = action == null;
        if (action != null) {
            rule.actions.add(action);
            rule.pathPatterns = List.of("/api/*");
        }
        s.rules.put(arn, rule);
    }
}
