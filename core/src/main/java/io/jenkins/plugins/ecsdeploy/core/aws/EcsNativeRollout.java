package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.EcsNativeConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedRollout;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * An ECS service whose BLUE_GREEN, CANARY or LINEAR strategy ECS runs, driven through the SDK: UpdateService starts a
 * service deployment (with the environment's strategy settings, if it sets any), DescribeServiceDeployments and the
 * production rule's weights follow it, a tag on the service approves it at the approval hook
 * ({@code ecs-deploy:approval = <deployment ARN>:approved}, read by examples/ecs-native/approval-hook), and
 * StopServiceDeployment ROLLBACK stops it. A poll is two reads, three while it waits at the approval hook.
 */
final class EcsNativeRollout implements ManagedRollout {

    /** The config field the service comes from, named in messages. */
    static final String FIELD = "ecsNative.service";
    /** The tag the approval hook reads on the service. */
    static final String APPROVAL_TAG = "ecs-deploy:approval";
    /** The statuses of a service deployment that has not ended. */
    static final List<ServiceDeploymentStatus> UNDER_WAY = List.of(ServiceDeploymentStatus.PENDING,
            ServiceDeploymentStatus.IN_PROGRESS, ServiceDeploymentStatus.STOP_REQUESTED,
            ServiceDeploymentStatus.ROLLBACK_REQUESTED, ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);

    private final EcsClient ecs;
    private final CloudWatchClient cloudWatch;
    private final ResolvedEnvironment env;
    private final EcsNativeConfig config;
    private final ListenerWeights weights;

    EcsNativeRollout(EcsClient ecs, ElasticLoadBalancingV2Client elb, CloudWatchClient cloudWatch,
            ResolvedEnvironment env, EcsNativeConfig config) {
        this.ecs = ecs;
        this.cloudWatch = cloudWatch;
        this.env = env;
        this.config = config;
        this.weights = new ListenerWeights(elb, env);
    }

    @Override
    public String describe() {
        return "Amazon ECS service " + env.blueService();
    }

    @Override
    public Optional<String> inProgress() {
        List<ServiceDeploymentBrief> found = AwsErrors.call("ecs:ListServiceDeployments", describe(),
                FIELD, () -> ecs.listServiceDeployments(b -> b.cluster(env.clusterArn())
                        .service(env.blueService()).status(UNDER_WAY))).serviceDeployments();
        return found.stream().map(ServiceDeploymentBrief::serviceDeploymentArn).findFirst();
    }

    /** The approval hook holds a deployment at POST_TEST_TRAFFIC_SHIFT; without one ECS never waits. */
    @Override
    public boolean hasApprovalPoint() {
        return config.approvalHook() != null;
    }

    /**
     * The task definition revision is new for each run (or the previous one for a rollback), so a service that
     * already runs it was updated by this run, whose reply was lost: its current deployment is returned.
     */
    @Override
    public String start(String taskDefinitionArn, String runId) {
        Service service = service();
        if (taskDefinitionArn.equals(service.taskDefinition()) && service.currentServiceDeployment() != null) {
            return service.currentServiceDeployment();
        }
        List<String> alarms = deploymentAlarms(service.deploymentConfiguration());
        List<String> firing = alarms.isEmpty() ? List.of() : new CloudWatchAlarms(cloudWatch).inAlarm(alarms);
        if (!firing.isEmpty()) {
            throw new IllegalStateException("Deployment alarm " + String.join(", ", firing) + " of " + describe()
                    + " is in ALARM before the deployment, so ECS would roll it back at once: fix what it reports, or"
                    + " wait until it is OK, then deploy.");
        }
        DeploymentConfiguration settings = settings(service.deploymentConfiguration());
        Service updated = AwsErrors.call("ecs:UpdateService", describe(), FIELD,
                () -> ecs.updateService(b -> b.cluster(env.clusterArn()).service(env.blueService())
                        .taskDefinition(taskDefinitionArn).deploymentConfiguration(settings))).service();
        if (updated != null && updated.currentServiceDeployment() != null) {
            return updated.currentServiceDeployment();
        }
        return inProgress().orElseThrow(() -> new IllegalStateException("ECS accepted the update of " + describe()
                + " but lists no service deployment of it: check the service's deployments in the ECS console."));
    }

    /** The service's deployment settings with the environment's on top; null when it sets none. */
    private DeploymentConfiguration settings(DeploymentConfiguration current) {
        if (!config.setsDeploymentConfiguration()) {
            return null;
        }
        DeploymentConfiguration.Builder b = current == null ? DeploymentConfiguration.builder() : current.toBuilder();
        if (config.strategy() != null) {
            b.strategy(config.strategy());
        }
        if (config.bakeTimeInMinutes() != null) {
            b.bakeTimeInMinutes(config.bakeTimeInMinutes());
        }
        EcsNativeConfig.Canary canary = config.canaryConfiguration();
        if (canary != null) {
            b.canaryConfiguration(c -> c.canaryPercent(canary.canaryPercent())
                    .canaryBakeTimeInMinutes(canary.canaryBakeTimeInMinutes()));
        }
        EcsNativeConfig.Linear linear = config.linearConfiguration();
        if (linear != null) {
            b.linearConfiguration(l -> l.stepPercent(linear.stepPercent())
                    .stepBakeTimeInMinutes(linear.stepBakeTimeInMinutes()));
        }
        return b.build();
    }

    @Override
    public ManagedProgress progress(String deploymentId) {
        ServiceDeployment d = deployment(deploymentId);
        TrafficSplit split = weights.read(env.listenerArn(), env.ruleArn());
        boolean waiting = config.approvalHook() != null
                && d.status() == ServiceDeploymentStatus.IN_PROGRESS
                && d.lifecycleStage() == ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT
                && !(deploymentId + ":approved").equals(approval(d.serviceArn()));
        return EcsNativeProgress.of(d, split, waiting);
    }

    /** The target service revision's task definition: the deployment's read, then its revision's. */
    @Override
    public Optional<String> deployedTaskDefinition(String deploymentId) {
        ServiceDeployment d = deployment(deploymentId);
        if (d.targetServiceRevision() == null || d.targetServiceRevision().arn() == null) {
            return Optional.empty();
        }
        String revision = d.targetServiceRevision().arn();
        return AwsErrors.call("ecs:DescribeServiceRevisions", "service revision " + revision, null,
                () -> ecs.describeServiceRevisions(b -> b.serviceRevisionArns(revision))).serviceRevisions().stream()
                .map(r -> r.taskDefinition()).filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public void approve(String deploymentId) {
        verdict(deploymentId, "approved");
    }

    /** ECS has no call that ends BAKE_TIME early (in SDK 2.40.2): the bake runs its course. */
    @Override
    public void finishEarly(String deploymentId) {
        // Nothing to do: the engine follows the deployment until ECS ends it.
    }

    @Override
    public void stopAndRollBack(String deploymentId) {
        try {
            AwsErrors.call("ecs:StopServiceDeployment", "service deployment " + deploymentId, null,
                    () -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(deploymentId)
                            .stopType(StopServiceDeploymentStopType.ROLLBACK)));
        } catch (AwsFailure e) {
            // Already over or stopping (ECS's own alarm rollback, a hook's FAILED, a person): nothing left to stop.
            if (!"ConflictException".equals(e.errorCode())) {
                throw e;
            }
        }
        if (config.approvalHook() != null) {
            try {
                // For the record on the service and for the hook, should ECS ask it once more before stopping.
                verdict(deploymentId, "rejected");
            } catch (AwsFailure e) {
                // The stop is what rolls back; the rejection tag only records it.
            }
        }
    }

    private void verdict(String deploymentId, String verdict) {
        String serviceArn = serviceArnOf(deploymentId);
        AwsErrors.call("ecs:TagResource", "service " + serviceArn, FIELD,
                () -> ecs.tagResource(b -> b.resourceArn(serviceArn)
                        .tags(Tag.builder().key(APPROVAL_TAG).value(deploymentId + ":" + verdict).build())));
    }

    private String approval(String serviceArn) {
        return AwsErrors.call("ecs:ListTagsForResource", "service " + serviceArn, FIELD,
                () -> ecs.listTagsForResource(b -> b.resourceArn(serviceArn))).tags().stream()
                .filter(t -> APPROVAL_TAG.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    private ServiceDeployment deployment(String deploymentId) {
        var reply = AwsErrors.call("ecs:DescribeServiceDeployments", "service deployment " + deploymentId, null,
                () -> ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(deploymentId)));
        return reply.serviceDeployments().stream().findFirst().orElseThrow(() -> new AwsFailure(
                "DescribeServiceDeployments", "ServiceDeploymentNotFoundException", false, "ECS does not know"
                        + " service deployment " + deploymentId + " of " + describe() + ".", null));
    }

    private Service service() {
        return AwsErrors.call("ecs:DescribeServices", describe(), FIELD,
                () -> ecs.describeServices(b -> b.cluster(env.clusterArn()).services(env.blueService())))
                .services().get(0);
    }

    /** The service of a deployment: {@code ...:service-deployment/C/S/ID} belongs to {@code ...:service/C/S}. */
    static String serviceArnOf(String deploymentArn) {
        return deploymentArn.replaceFirst(":service-deployment/", ":service/").replaceFirst("/[^/]+$", "");
    }

    /** The alarms ECS watches during a deployment, when it watches any. */
    static List<String> deploymentAlarms(DeploymentConfiguration deployment) {
        if (deployment == null || deployment.alarms() == null
                || !Boolean.TRUE.equals(deployment.alarms().enable())) {
            return List.of();
        }
        return deployment.alarms().alarmNames();
    }

    /** Whether a hook's target ARN is the function named by name or ARN. */
    static boolean sameFunction(String hookTargetArn, String function) {
        return hookTargetArn != null && (hookTargetArn.equals(function) || hookTargetArn.endsWith(":function:"
                + function));
    }
}
