package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.CodeDeployConfig;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.ListenerConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.Alarm;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.ECSService;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupPairInfo;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Resolves a CodeDeploy environment from its deployment group, with read-only calls, and checks that it can be
 * deployed: the group exists and deploys ECS with a target group pair; its service exists in its cluster and uses
 * the CODE_DEPLOY controller; the service's task definition has the container and port; the deployment config
 * exists; the target groups and listeners exist and the production listener forwards to the pair; the group's
 * alarms exist and are not in ALARM. Every problem is collected, each naming the thing and the fix. Slot BLUE is
 * the pair's first target group, GREEN its second.
 */
final class CodeDeployPreflight implements EnvironmentResolver {

    private static final String GROUP_FIELD = "codeDeploy.deploymentGroup";

    private final CodeDeployClient codeDeploy;
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final CloudWatchClient cloudWatch;
    private final TaskDefinitionReads reads;

    CodeDeployPreflight(CodeDeployClient codeDeploy, EcsClient ecs, ElasticLoadBalancingV2Client elb,
            CloudWatchClient cloudWatch) {
        this(codeDeploy, ecs, elb, cloudWatch, new TaskDefinitionReads(ecs));
    }

    /** @param reads where the task definition read here is kept for the run's later steps (plan, copy) */
    CodeDeployPreflight(CodeDeployClient codeDeploy, EcsClient ecs, ElasticLoadBalancingV2Client elb,
            CloudWatchClient cloudWatch, TaskDefinitionReads reads) {
        this.codeDeploy = codeDeploy;
        this.ecs = ecs;
        this.elb = elb;
        this.cloudWatch = cloudWatch;
        this.reads = reads;
    }

    @Override
    public ResolvedEnvironment resolve(EnvironmentConfig config) {
        CodeDeployConfig cd = config.codeDeploy();
        Problems problems = new Problems();
        reads.forget();
        String group = CodeDeployNames.group(cd);
        var reply = problems.read(() -> AwsErrors.call("codedeploy:GetDeploymentGroup", group, GROUP_FIELD,
                () -> codeDeploy.getDeploymentGroup(b -> b.applicationName(cd.application())
                        .deploymentGroupName(cd.deploymentGroup()))));
        DeploymentGroupInfo info = reply == null ? null : reply.deploymentGroupInfo();
        if (info == null || !fitsEcs(info, group, problems)) {
            throw new PreflightException(problems.list());
        }
        if (cd.deploymentConfig() != null) {
            checkDeploymentConfig(cd.deploymentConfig(), problems);
        }
        ECSService target = info.ecsServices().get(0);
        Service service = service(target, group, config, problems);
        TargetGroupPairInfo pair = info.loadBalancerInfo().targetGroupPairInfoList().get(0);
        ElbPreflight elbChecks = new ElbPreflight(elb, problems);
        List<TargetGroupInfo> groups = pair.targetGroups();
        String blueTg = elbChecks.targetGroup(GROUP_FIELD + " (its first target group)", groups.get(0).name());
        String greenTg = elbChecks.targetGroup(GROUP_FIELD + " (its second target group)", groups.get(1).name());
        ElbPreflight.Steering production = elbChecks.steering(GROUP_FIELD + " (its production listener)",
                listener(pair.prodTrafficRoute().listenerArns().get(0)));
        if (production != null && blueTg != null && greenTg != null) {
            elbChecks.checkForward(GROUP_FIELD + " (its production listener)", production, blueTg, greenTg, false);
        }
        ElbPreflight.Steering test = null;
        if (pair.testTrafficRoute() != null && !pair.testTrafficRoute().listenerArns().isEmpty()) {
            test = elbChecks.steering(GROUP_FIELD + " (its test listener)",
                    listener(pair.testTrafficRoute().listenerArns().get(0)));
        }
        checkAlarms(info, group, problems);
        if (!problems.isEmpty()) {
            throw new PreflightException(problems.list());
        }
        return new ResolvedEnvironment(service.clusterArn(), service.serviceName(), service.serviceName(), blueTg,
                greenTg, production.loadBalancerArn(), production.listenerArn(), null,
                test == null ? null : test.listenerArn(), null);
    }

    /** An ECS blue/green group with one service and a target group pair behind a production listener. */
    private static boolean fitsEcs(DeploymentGroupInfo info, String group, Problems problems) {
        if (info.computePlatform() != ComputePlatform.ECS) {
            problems.add(group + " deploys to " + info.computePlatformAsString() + ", not ECS: name the deployment"
                    + " group of an ECS application (" + GROUP_FIELD + ").");
            return false;
        }
        if (info.ecsServices().isEmpty()) {
            problems.add(group + " names no ECS service: set its cluster and service (aws deploy"
                    + " update-deployment-group --ecs-services clusterName=...,serviceName=...).");
            return false;
        }
        boolean paired = info.loadBalancerInfo() != null && !info.loadBalancerInfo().targetGroupPairInfoList()
                .isEmpty();
        TargetGroupPairInfo pair = paired ? info.loadBalancerInfo().targetGroupPairInfoList().get(0) : null;
        if (pair == null || pair.targetGroups().size() != 2 || pair.prodTrafficRoute() == null
                || pair.prodTrafficRoute().listenerArns().isEmpty()) {
            problems.add(group + " has no target group pair with a production listener: give it its two target"
                    + " groups and the production listener (load balancer info of the group).");
            return false;
        }
        return true;
    }

    private void checkDeploymentConfig(String name, Problems problems) {
        var reply = problems.read(() -> AwsErrors.call("codedeploy:GetDeploymentConfig", "deployment config '"
                + name + "'", "codeDeploy.deploymentConfig", () -> codeDeploy.getDeploymentConfig(b -> b
                        .deploymentConfigName(name))));
        if (reply != null && reply.deploymentConfigInfo().computePlatform() != ComputePlatform.ECS) {
            problems.add("Deployment config '" + name + "' (codeDeploy.deploymentConfig) is for "
                    + reply.deploymentConfigInfo().computePlatformAsString() + ", not ECS: use an ECS config such as"
                    + " CodeDeployDefault.ECSAllAtOnce.");
        }
    }

    /** The group's service, when it exists, is ACTIVE, uses the CODE_DEPLOY controller and runs the container. */
    private Service service(ECSService target, String group, EnvironmentConfig config, Problems problems) {
        String text = "ECS service '" + target.serviceName() + "' in cluster '" + target.clusterName() + "' (of "
                + group + ")";
        var reply = problems.read(() -> AwsErrors.call("ecs:DescribeServices", text, GROUP_FIELD,
                () -> ecs.describeServices(b -> b.cluster(target.clusterName()).services(target.serviceName()))));
        if (reply == null || reply.services().isEmpty()) {
            problems.add(text + " was not found: fix the group's ECS service, or create the service.");
            throw new PreflightException(problems.list());
        }
        Service service = reply.services().get(0);
        if (!"ACTIVE".equals(service.status())) {
            problems.add(text + " is " + service.status() + ", not ACTIVE: point the group at an active service.");
        }
        DeploymentControllerType controller = service.deploymentController() == null
                ? DeploymentControllerType.ECS : service.deploymentController().type();
        if (controller != DeploymentControllerType.CODE_DEPLOY) {
            problems.add(text + " uses the " + (service.deploymentController() == null ? "ECS"
                    : service.deploymentController().typeAsString()) + " deployment controller, so CodeDeploy"
                    + " cannot deploy it: recreate the service with deploymentController CODE_DEPLOY, or describe"
                    + " it as an environment of two ECS services (slots, listener) instead of codeDeploy.");
        }
        checkContainer(service, config, text, problems);
        return service;
    }

    private void checkContainer(Service service, EnvironmentConfig config, String text, Problems problems) {
        // With its tags, which a deploy's copy carries over: that copy then needs no read of its own.
        TaskDefinition td = problems.read(() -> reads.withTags(service.taskDefinition()).taskDefinition());
        if (td == null) {
            return;
        }
        int port = config.codeDeploy().containerPort();
        var container = td.containerDefinitions().stream().filter(c -> config.container().equals(c.name()))
                .findFirst();
        if (container.isEmpty()) {
            problems.add(text + " runs task definition " + td.taskDefinitionArn() + ", which has no container"
                    + " named '" + config.container() + "' (container); it has " + TaskDefinitionCopy.names(td)
                    + ".");
        } else if (container.get().portMappings().stream().noneMatch(m -> m.containerPort() != null
                && m.containerPort() == port)) {
            problems.add("Container '" + config.container() + "' of task definition " + td.taskDefinitionArn()
                    + " maps no port " + port + " (codeDeploy.containerPort): give the port its target groups"
                    + " forward to.");
        }
    }

    private void checkAlarms(DeploymentGroupInfo info, String group, Problems problems) {
        if (info.alarmConfiguration() == null || !Boolean.TRUE.equals(info.alarmConfiguration().enabled())
                || info.alarmConfiguration().alarms().isEmpty()) {
            return;
        }
        List<String> names = info.alarmConfiguration().alarms().stream().map(Alarm::name).toList();
        try {
            List<String> firing = new CloudWatchAlarms(cloudWatch).inAlarm(names,
                    "the alarm configuration of " + group);
            for (String alarm : firing) {
                problems.add("Alarm '" + alarm + "' of " + group + " is in ALARM before the deployment: fix what it"
                        + " reports, or wait until it is OK, then deploy.");
            }
        } catch (AwsFailure failure) {
            if (!AwsErrors.isNotFound(failure.errorCode()) && !failure.isAccessDenied()) {
                throw failure;
            }
            problems.add(failure.getMessage());
        }
    }

    private static ListenerConfig listener(String arn) {
        return new ListenerConfig(arn, null, null, null, null);
    }
}
