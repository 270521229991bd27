package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.ACCOUNT;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.CLUSTER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.LISTENER_ARN;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws.TEST_LISTENER_ARN;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Action;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Weighted;
import java.util.List;

/**
 * An ECS-native blue/green service added to the standard environment: {@code web-native} in cluster {@code prod}
 * (2 tasks of {@code web:1} in target group {@code native-blue}), alternate target group {@code native-green}, the
 * production rule at priority 20 of the 443 listener (path /native/*) and the test rule at priority 20 of the 8443
 * listener, both forwarding to native-blue; deployment alarm {@code web-native-5xx} (OK). Add it with
 * {@code aws.edit(s -> EcsNativeSeed.seed(s, "CANARY"))}.
 */
public final class EcsNativeSeed {

    public static final String SERVICE = "web-native";
    public static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/web-native";
    public static final String BLUE_TARGET_GROUP = "native-blue";
    public static final String GREEN_TARGET_GROUP = "native-green";
    public static final String BLUE_TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/native-blue/cccccccccccccccc";
    public static final String GREEN_TARGET_GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/native-green/dddddddddddddddd";
    public static final String PRODUCTION_RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
            + "listener-rule/app/web-alb/50dc6c495c0c9188/1111111111111111/6666666666666666";
    public static final String TEST_RULE_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
            + "listener-rule/app/web-alb/50dc6c495c0c9188/2222222222222222/7777777777777777";
    public static final String ALARM = "web-native-5xx";
    public static final String APPROVAL_HOOK_ARN = "arn:aws:lambda:us-east-1:123456789012:function:ecs-deploy-approval";
    public static final String ECS_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/ecsInfrastructureRoleForLoadBalancers";
    public static final String HOOK_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/ecsLambdaInvokeRole";

    /** The environment file of the seeded service; {@code ${endpoint}} is the fake's. */
    public static final String CONFIG = """
            name: web-native
            region: us-east-1
            endpointUrl: ${endpoint}
            cluster: prod
            container: app
            ecsNative:
              service: web-native
            health:
              pollInterval: 10s
              bakeTime: 1m
            analysis:
              interval: 60s
            """;

    private EcsNativeSeed() {}

    /**
     * Adds the service with {@code strategy} (BLUE_GREEN: bake 5 min; CANARY: 10 % for 5 min, bake 5 min; LINEAR: 25 %
     * steps of 2 min, bake 5 min; ROLLING: none of them, for refusals).
     */
    public static void seed(FakeAwsState s, String strategy) {
        addTargetGroup(s, BLUE_TARGET_GROUP, BLUE_TARGET_GROUP_ARN);
        addTargetGroup(s, GREEN_TARGET_GROUP, GREEN_TARGET_GROUP_ARN);
        addRule(s, PRODUCTION_RULE_ARN, LISTENER_ARN);
        addRule(s, TEST_RULE_ARN, TEST_LISTENER_ARN);
        String taskDefinition = TaskDefinitions.resolve(s, FakeAws.TASK_DEFINITION_ARN).orElseThrow();
        FakeAwsState.Service v = new FakeAwsState.Service();
        v.name = SERVICE;
        v.arn = SERVICE_ARN;
        v.clusterArn = CLUSTER_ARN;
        v.targetGroupArn = BLUE_TARGET_GROUP_ARN;
        FakeAwsState.Deployment d = FakeEcs.deployment(s, taskDefinition, 2, java.time.Instant.EPOCH);
        d.runningCount = 2;
        d.pendingCount = 0;
        d.rolloutState = "COMPLETED";
        v.deployments.add(d);
        for (int i = 0; i < 2; i++) {
            FakeAwsState.Task task = FakeEcs.newTask(taskDefinition, s);
            task.healthPolls = s.healthyAfterPolls;
            v.tasks.add(task);
        }
        v.advancedConfiguration = WireFormat.JSON.createObjectNode()
                .put("alternateTargetGroupArn", GREEN_TARGET_GROUP_ARN)
                .put("productionListenerRule", PRODUCTION_RULE_ARN).put("testListenerRule", TEST_RULE_ARN)
                .put("roleArn", ECS_ROLE_ARN);
        v.deploymentConfiguration = configuration(strategy);
        s.services.put(v.arn, v);
        s.alarms.put(ALARM, "OK");
    }

    /** The deploymentConfiguration the seeded service has for {@code strategy}. */
    public static ObjectNode configuration(String strategy) {
        ObjectNode c = WireFormat.JSON.createObjectNode().put("strategy", strategy);
        if (strategy.equals("ROLLING")) {
            return c;
        }
        c.put("bakeTimeInMinutes", 5);
        if (strategy.equals("CANARY")) {
            c.putObject("canaryConfiguration").put("canaryPercent", 10.0).put("canaryBakeTimeInMinutes", 5);
        } else if (strategy.equals("LINEAR")) {
            c.putObject("linearConfiguration").put("stepPercent", 25.0).put("stepBakeTimeInMinutes", 2);
        }
        ObjectNode alarms = c.putObject("alarms").put("enable", true).put("rollback", true);
        alarms.putArray("alarmNames").add(ALARM);
        return c;
    }

    /** Registers the project's approval hook at POST_TEST_TRAFFIC_SHIFT, waiting at most {@code timeoutMinutes}. */
    public static void approvalHook(FakeAwsState s, int timeoutMinutes) {
        ObjectNode config = s.services.get(SERVICE_ARN).deploymentConfiguration;
        ObjectNode hook = config.putArray("lifecycleHooks").addObject().put("hookTargetArn", APPROVAL_HOOK_ARN)
                .put("roleArn", HOOK_ROLE_ARN);
        hook.putArray("lifecycleStages").add("POST_TEST_TRAFFIC_SHIFT");
        hook.putObject("hookDetails").put("timeoutMinutes", timeoutMinutes).put("callBackDelaySeconds", 30);
    }

    private static void addTargetGroup(FakeAwsState s, String name, String arn) {
        FakeAwsState.TargetGroup tg = new FakeAwsState.TargetGroup();
        tg.name = name;
        tg.arn = arn;
        s.targetGroups.put(arn, tg);
    }

    private static void addRule(FakeAwsState s, String arn, String listenerArn) {
        FakeAwsState.Rule rule = new FakeAwsState.Rule();
        rule.arn = arn;
        rule.listenerArn = listenerArn;
        rule.priority = "20";
        rule.pathPatterns = List.of("/native/*");
        Action forward = new Action();
        forward.targetGroups.add(new Weighted(BLUE_TARGET_GROUP_ARN, 100));
        forward.targetGroups.add(new Weighted(GREEN_TARGET_GROUP_ARN, 0));
        rule.actions.add(forward);
        s.rules.put(arn, rule);
    }
}
