package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.CodeDeployConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedProgress;
import io.jenkins.plugins.ecsdeploy.core.engine.port.ManagedRollout;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentReadyAction;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentWaitType;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The CodeDeploy deployment group of an ECS service, driven through the SDK: CreateDeployment with an AppSpec as
 * content, GetDeployment with the ECS target's task sets and lifecycle events, ContinueDeployment (READY_WAIT,
 * TERMINATION_WAIT) and StopDeployment with automatic rollback. A poll is two reads: GetDeployment and
 * GetDeploymentTarget of the ECS target {@code cluster:service}.
 */
final class CodeDeployRollout implements ManagedRollout {

    /** The statuses of a deployment that has not ended. */
    static final List<DeploymentStatus> UNDER_WAY = List.of(DeploymentStatus.CREATED, DeploymentStatus.QUEUED,
            DeploymentStatus.IN_PROGRESS, DeploymentStatus.READY, DeploymentStatus.BAKING);
    /** Recorded on each deployment this tool creates, with the run id, so that a lost reply can be recovered. */
    static final String DESCRIPTION_PREFIX = "ecs-deploy run ";

    private final CodeDeployClient codeDeploy;
    private final EcsClient ecs;
    private final ResolvedEnvironment env;
    private final CodeDeployConfig config;
    private final String container;

    CodeDeployRollout(CodeDeployClient codeDeploy, EcsClient ecs, ResolvedEnvironment env, CodeDeployConfig config,
            String container) {
        this.codeDeploy = codeDeploy;
        this.ecs = ecs;
        this.env = env;
        this.config = config;
        this.container = container;
    }

    @Override
    public String describe() {
        return CodeDeployNames.group(config);
    }

    @Override
    public Optional<String> inProgress() {
        return underWay().stream().findFirst();
    }

    private List<String> underWay() {
        return AwsErrors.call("codedeploy:ListDeployments", describe(), "codeDeploy.deploymentGroup",
                () -> codeDeploy.listDeployments(b -> b.applicationName(config.application())
                        .deploymentGroupName(config.deploymentGroup()).includeOnlyStatuses(UNDER_WAY)))
                .deployments();
    }

    @Override
    public String start(String taskDefinitionArn, String runId) {
        String description = DESCRIPTION_PREFIX + runId;
        for (String id : underWay()) {
            if (description.equals(deployment(id).description())) {
                return id;
            }
        }
        Service service = AwsErrors.call("ecs:DescribeServices", "service " + env.blueService(), null,
                () -> ecs.describeServices(b -> b.cluster(env.clusterArn()).services(env.blueService())))
                .services().get(0);
        String appSpec = CodeDeployAppSpec.build(taskDefinitionArn, container, config, service);
        return AwsErrors.call("codedeploy:CreateDeployment", describe(), "codeDeploy.deploymentGroup",
                () -> codeDeploy.createDeployment(b -> b.applicationName(config.application())
                        .deploymentGroupName(config.deploymentGroup())
                        .deploymentConfigName(config.deploymentConfig())
                        .description(description)
                        .revision(r -> r.revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                                .appSpecContent(c -> c.content(appSpec))))).deploymentId();
    }

    /** The group waits for traffic rerouting until continued (ready option STOP_DEPLOYMENT): one read. */
    @Override
    public boolean hasApprovalPoint() {
        var group = AwsErrors.call("codedeploy:GetDeploymentGroup", describe(), "codeDeploy.deploymentGroup",
                () -> codeDeploy.getDeploymentGroup(b -> b.applicationName(config.application())
                        .deploymentGroupName(config.deploymentGroup()))).deploymentGroupInfo();
        var blueGreen = group.blueGreenDeploymentConfiguration();
        return blueGreen != null && blueGreen.deploymentReadyOption() != null
                && blueGreen.deploymentReadyOption().actionOnTimeout() == DeploymentReadyAction.STOP_DEPLOYMENT;
    }

    @Override
    public ManagedProgress progress(String deploymentId) {
        DeploymentInfo d = deployment(deploymentId);
        return CodeDeployProgress.of(d, target(deploymentId), env);
    }

    /** The AppSpec's task definition, when the revision is given as content (as this tool creates it). */
    @Override
    public Optional<String> deployedTaskDefinition(String deploymentId) {
        var revision = deployment(deploymentId).revision();
        if (revision == null || revision.revisionType() != RevisionLocationType.APP_SPEC_CONTENT
                || revision.appSpecContent() == null) {
            return Optional.empty();
        }
        return CodeDeployAppSpec.taskDefinition(revision.appSpecContent().content());
    }

    @Override
    public void approve(String deploymentId) {
        proceed(deploymentId, DeploymentWaitType.READY_WAIT);
    }

    @Override
    public void finishEarly(String deploymentId) {
        proceed(deploymentId, DeploymentWaitType.TERMINATION_WAIT);
    }

    @Override
    public void stopAndRollBack(String deploymentId) {
        try {
            AwsErrors.call("codedeploy:StopDeployment", "deployment " + deploymentId, null,
                    () -> codeDeploy.stopDeployment(b -> b.deploymentId(deploymentId).autoRollbackEnabled(true)));
        } catch (AwsFailure e) {
            // Stopped already (by CodeDeploy's own alarm rollback, another run, a person): nothing left to stop.
            if (!"DeploymentAlreadyCompletedException".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    private void proceed(String deploymentId, DeploymentWaitType wait) {
        try {
            AwsErrors.call("codedeploy:ContinueDeployment", "deployment " + deploymentId + " (" + wait + ")", null,
                    () -> codeDeploy.continueDeployment(b -> b.deploymentId(deploymentId).deploymentWaitType(wait)));
        } catch (AwsFailure e) {
            // Past that wait already (a repeated step after a lost reply or a crash): the next poll shows where.
            if (!"DeploymentIsNotInReadyStateException".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    private DeploymentInfo deployment(String deploymentId) {
        return AwsErrors.call("codedeploy:GetDeployment", "deployment " + deploymentId, null,
                () -> codeDeploy.getDeployment(b -> b.deploymentId(deploymentId))).deploymentInfo();
    }

    /**
     * The deployment's ECS target, or null while CodeDeploy has none yet. CodeDeploy names an ECS target
     * {@code cluster:service}, so one read is enough; the target list is asked only when that name is refused.
     */
    private ECSTarget target(String deploymentId) {
        String cluster = env.clusterArn().substring(env.clusterArn().lastIndexOf('/') + 1);
        String id = cluster + ":" + env.blueService();
        try {
            return targetNamed(deploymentId, id);
        } catch (AwsFailure e) {
            if (!"DeploymentTargetDoesNotExistException".equals(e.errorCode())
                    && !"DeploymentNotStartedException".equals(e.errorCode())) {
                throw e;
            }
        }
        List<String> ids = AwsErrors.call("codedeploy:ListDeploymentTargets", "deployment " + deploymentId, null,
                () -> codeDeploy.listDeploymentTargets(b -> b.deploymentId(deploymentId))).targetIds();
        return ids.isEmpty() ? null : targetNamed(deploymentId, ids.get(0));
    }

    private ECSTarget targetNamed(String deploymentId, String id) {
        return AwsErrors.call("codedeploy:GetDeploymentTarget", "target " + id + " of deployment " + deploymentId,
                null, () -> codeDeploy.getDeploymentTarget(b -> b.deploymentId(deploymentId).targetId(id)))
                .deploymentTarget().ecsTarget();
    }
}
