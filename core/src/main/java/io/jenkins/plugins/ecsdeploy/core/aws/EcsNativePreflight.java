package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.EcsNativeConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ListenerConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AdvancedConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHook;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Resolves an ECS-native environment from its service, with read-only calls, and checks that ECS can run its
 * strategy: the cluster and service exist, the service is ACTIVE with the ECS controller and runs the container; the
 * strategy (the environment's, else the service's) is BLUE_GREEN, CANARY or LINEAR; the load balancer's
 * advancedConfiguration names an alternate target group, a production rule and a role; both target groups and the
 * rules exist and the rules forward only to the pair; the service's deployment alarms exist; the approval hook is
 * registered at POST_TEST_TRAFFIC_SHIFT. Slot BLUE is the service's target group, GREEN the alternate. A deployment
 * under way and alarms in ALARM are refused where a deploy starts (the engine's preflight, {@link EcsNativeRollout}),
 * not here, because a rollback resolves the same environment and must never be refused for them.
 */
final class EcsNativePreflight implements EnvironmentResolver {

    private static final String FIELD = EcsNativeRollout.FIELD;

    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;
    private final TaskDefinitionReads reads;

    /** @param reads where the task definition read here is kept for the run's later steps (plan, copy) */
    EcsNativePreflight(EcsClient ecs, ElasticLoadBalancingV2Client elb, CloudWatchClient cloudWatch,
            TaskDefinitionReads reads) {
        this.ecs = ecs;
        this.elb = elb;
        this.cloudWatch = cloudWatch;
        this.reads = reads;
    }

    @Override
    public ResolvedEnvironment resolve(EnvironmentConfig config) {
        EcsNativeConfig n = config.ecsNative();
        Problems problems = new Problems();
        reads.forget();
        EcsPreflight ecsChecks = new EcsPreflight(ecs, problems, reads);
        String clusterArn = ecsChecks.cluster(config.cluster(), config.region());
        Service service = clusterArn == null ? null
                : ecsChecks.service(clusterArn, n.service(), FIELD, config.container());
        if (service == null) {
            throw new PreflightException(problems.list());
        }
        String text = "ECS service '" + service.serviceName() + "' (" + FIELD + ")";
        checkStrategy(service, n, text, clusterArn, problems);
        LoadBalancer lb = service.loadBalancers().stream().filter(l -> l.advancedConfiguration() != null)
                .findFirst().orElse(null);
        AdvancedConfiguration advanced = lb == null ? null : lb.advancedConfiguration();
        if (advanced == null || advanced.alternateTargetGroupArn() == null
                || advanced.productionListenerRule() == null || advanced.roleArn() == null) {
            problems.add(text + " has no load balancer with an advancedConfiguration naming alternateTargetGroupArn,"
                    + " productionListenerRule and roleArn, which blue/green, canary and linear deployments need:"
                    + " give its loadBalancers[] one (aws ecs update-service ... --load-balancers"
                    + " 'targetGroupArn=...,containerName=...,containerPort=...,advancedConfiguration={...}').");
            throw new PreflightException(problems.list());
        }
        ElbPreflight elbChecks = new ElbPreflight(elb, problems);
        String blueTg = elbChecks.targetGroup(FIELD + " (its target group)", lb.targetGroupArn());
        String greenTg = elbChecks.targetGroup(FIELD + " (its alternateTargetGroupArn)",
                advanced.alternateTargetGroupArn());
        String productionField = FIELD + " (its productionListenerRule)";
        ElbPreflight.Steering production = elbChecks.steering(productionField, rule(advanced
                .productionListenerRule()));
        ElbPreflight.Steering test = advanced.testListenerRule() == null ? null
                : elbChecks.steering(FIELD + " (its testListenerRule)", rule(advanced.testListenerRule()));
        if (blueTg != null && greenTg != null) {
            if (production != null) {
                elbChecks.checkForward(productionField, production, blueTg, greenTg, false);
            }
            if (test != null) {
                elbChecks.checkForward(FIELD + " (its testListenerRule)", test, blueTg, greenTg, false);
            }
        }
        DeploymentConfiguration deployment = service.deploymentConfiguration();
        checkAlarms(deployment, text, problems);
        if (n.approvalHook() != null) {
            checkApprovalHook(deployment, n.approvalHook(), text, problems);
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems.list());
        }
        return new ResolvedEnvironment(clusterArn, service.serviceName(), service.serviceName(), blueTg, greenTg,
                production.loadBalancerArn(), production.listenerArn(), production.ruleArn(),
                test == null ? null : test.listenerArn(), test == null ? null : test.ruleArn());
    }

    /** The strategy ECS will run: the environment's when it sets one, else the service's. */
    private static void checkStrategy(Service service, EcsNativeConfig n, String text, String clusterArn,
            Problems problems) {
        String strategy = n.strategy() != null ? n.strategy() : service.deploymentConfiguration() == null ? "ROLLING"
                : service.deploymentConfiguration().strategyAsString();
        if (strategy == null || !EcsNativeConfig.STRATEGIES.contains(strategy)) {
            problems.add(text + " uses the " + (strategy == null ? "ROLLING" : strategy) + " deployment strategy,"
                    + " which ECS does not run as blue/green: set ecsNative.strategy to BLUE_GREEN, CANARY or LINEAR"
                    + " (applied with the deployment), or update the service (aws ecs update-service --cluster "
                    + clusterArn + " --service " + service.serviceName() + " --deployment-configuration"
                    + " strategy=BLUE_GREEN).");
        }
    }

    /** The service's deployment alarms must exist: CloudWatch silently ignores a misspelt one, so it never fires. */
    private void checkAlarms(DeploymentConfiguration deployment, String text, Problems problems) {
        List<String> names = EcsNativeRollout.deploymentAlarms(deployment);
        if (names.isEmpty()) {
            return;
        }
        try {
            new CloudWatchAlarms(cloudWatch).inAlarm(names);
        } catch (AwsFailure failure) {
            if (!AwsErrors.isNotFound(failure.errorCode()) && !failure.isAccessDenied()) {
                throw failure;
            }
            problems.add(failure.getMessage().replace("the analysis alarms setting", "the deployment alarms of "
                    + text));
        }
    }

    private static void checkApprovalHook(DeploymentConfiguration deployment, String function, String text,
            Problems problems) {
        List<DeploymentLifecycleHook> hooks = deployment == null ? List.of() : deployment.lifecycleHooks();
        boolean registered = hooks.stream().anyMatch(h -> EcsNativeRollout.sameFunction(h.hookTargetArn(), function)
                && h.lifecycleStages().contains(DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT));
        if (!registered) {
            problems.add(text + " has no lifecycle hook '" + function + "' (ecsNative.approvalHook) at"
                    + " POST_TEST_TRAFFIC_SHIFT, so a deploy could not wait for an approval there: add it to the"
                    + " service's deploymentConfiguration.lifecycleHooks (see examples/ecs-native/approval-hook), or"
                    + " remove approvalHook.");
        }
    }

    /** A rule, with the listener it belongs to (a rule's ARN is its listener's with the rule id appended). */
    private static ListenerConfig rule(String ruleArn) {
        String listener = ruleArn.replaceFirst(":listener-rule/", ":listener/").replaceFirst("/[^/]+$", "");
        return new ListenerConfig(listener, null, null, ruleArn, null);
    }
}
