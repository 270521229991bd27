package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the fake AWS account holds. Plain mutable data with public fields so that tests can shape unusual
 * environments through {@link FakeAws#edit}; the behaviour lives in {@link FakeElb}, {@link FakeEcs} and
 * {@link FakeCloudWatch}. {@link #copy()} is a deep copy, used to answer stale reads from an earlier state.
 */
public final class FakeAwsState {

    public String region = FakeAws.REGION;
    public String account = FakeAws.ACCOUNT;
    /** DescribeServices calls (or ticks) an in-progress rollout takes to finish. */
    public int rolloutSteps = 2;
    /** DescribeTargetHealth calls a running task must have been seen in before it reports healthy. */
    public int healthyAfterPolls = 1;
    /** Seconds of (simulated) time each lifecycle stage of an ECS-native service deployment takes, bake times aside. */
    public long stageSeconds = 30;
    /**
     * Constant answers (SUCCEEDED, FAILED, IN_PROGRESS) of lifecycle hook functions, by function ARN; a hook not
     * listed runs the project's approval hook (examples/ecs-native/approval-hook) on the service's tags.
     */
    public Map<String, String> hookAnswers = new LinkedHashMap<>();

    public Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    public Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    public Map<String, Listener> listeners = new LinkedHashMap<>();
    public Map<String, Rule> rules = new LinkedHashMap<>();
    /** ELBv2 tags by resource ARN. */
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    /** ECS cluster ARNs by cluster name. */
    public Map<String, String> clusters = new LinkedHashMap<>();
    public Map<String, Service> services = new LinkedHashMap<>();
    /** RegisterTaskDefinition request bodies, as sent, by task definition ARN. */
    public Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
    /** CloudWatch alarm states by alarm name. */
    public Map<String, String> alarms = new LinkedHashMap<>();
    /** CloudWatch dashboard bodies, as put, by dashboard name. */
    public Map<String, String> dashboards = new LinkedHashMap<>();
    /** Route 53 hosted zones by id (without {@code /hostedzone/}). */
    public Map<String, HostedZone> hostedZones = new LinkedHashMap<>();
    /** Route 53 changes by id, with the GetChange calls that have seen them. */
    public Map<String, Integer> changePolls = new LinkedHashMap<>();
    /** GetChange calls a Route 53 change is PENDING for before it is INSYNC. */
    public int changePendingPolls = 1;
    /** How many record sets one ListResourceRecordSets page holds. */
    public int recordPageSize = 300;
    /** App Runner services by ARN. */
    public Map<String, AppRunnerService> appRunnerServices = new LinkedHashMap<>();
    /** Seconds of (simulated) time an App Runner operation takes. */
    public long appRunnerOperationSeconds = 60;
    /** Images whose App Runner update fails (and is rolled back by App Runner to the previous image). */
    public List<String> failingImages = new ArrayList<>();
    /** ARNs of App Runner services whose resume fails: the operation ends FAILED and the service stays PAUSED. */
    public List<String> appRunnerStuckResumes = new ArrayList<>();
    public int idCounter;
    /** CodeDeploy applications: name to compute platform (ECS, Server, Lambda). */
    public Map<String, String> codeDeployApps = new LinkedHashMap<>();
    /** CodeDeploy deployment groups by {@code application/group}. */
    public Map<String, CodeDeployGroup> codeDeployGroups = new LinkedHashMap<>();
    /**
     * CodeDeploy deployment configs by name: {@code AllAtOnce}, {@code Canary:percent:minutes} or
     * {@code Linear:percent:minutes}, as {@link FakeCodeDeploy} shifts traffic by them.
     */
    public Map<String, String> deploymentConfigs = new LinkedHashMap<>(Map.of(
            "CodeDeployDefault.ECSAllAtOnce", "AllAtOnce",
            "CodeDeployDefault.ECSCanary10Percent5Minutes", "Canary:10:5",
            "CodeDeployDefault.ECSCanary10Percent15Minutes", "Canary:10:15",
            "CodeDeployDefault.ECSLinear10PercentEvery1Minutes", "Linear:10:1",
            "CodeDeployDefault.ECSLinear10PercentEvery3Minutes", "Linear:10:3"));
    /** CodeDeploy deployments by id, in creation order. */
    public Map<String, CodeDeployDeployment> codeDeployDeployments = new LinkedHashMap<>();
    /** ECS task sets of services with the CODE_DEPLOY controller, registered in their target groups. */
    public List<TaskSet> taskSets = new ArrayList<>();
    /** Seconds each lifecycle step of a CodeDeploy deployment takes on the fake's clock. */
    public long codeDeployStepSeconds = 30;
    /** Lambda functions whose AppSpec hook reports Failed. */
    public List<String> failingHooks = new ArrayList<>();

    /** A CodeDeploy deployment group of an ECS application: its service, target group pair and settings. */
    public static class CodeDeployGroup {
        public String application;
        public String name;
        public String deploymentConfig = "CodeDeployDefault.ECSAllAtOnce";
        public String cluster;
        public String service;
        /** The pair's target group names, in the group's order. */
        public List<String> targetGroups = new ArrayList<>();
        public String prodListenerArn;
        public String testListenerArn;
        public List<String> alarms = new ArrayList<>();
        public boolean alarmsEnabled = true;
        public boolean autoRollback = true;
        /** Whether the deployment waits at its ready point for ContinueDeployment (actionOnTimeout STOP_DEPLOYMENT). */
        public boolean readyWait;
        public long terminationWaitMinutes = 5;
    }

    /** A CodeDeploy deployment; its {@code step} advances on the clock (see {@link FakeCodeDeploy}). */
    public static class CodeDeployDeployment {
        public String id;
        public String application;
        public String group;
        public String config;
        public String description;
        public String status = "Created";
        public String appSpec;
        public String taskDefinitionArn;
        public long createdAt;
        /** INSTALL, TEST_TRAFFIC, READY, BEFORE_TRAFFIC, SHIFT, TERMINATION_WAIT, DONE, ROLLING_BACK, ROLLED_BACK. */
        public String step = "INSTALL";
        public long stepAt;
        public int percent;
        public String originalTaskSet;
        public String replacementTaskSet;
        public String errorCode;
        public String errorMessage;
        public boolean rollback;
        public boolean terminationWaitStarted;
        /** Lifecycle event name to status, in the order they run. */
        public Map<String, String> events = new LinkedHashMap<>();
    }

    /** An ECS task set: a revision's tasks behind one target group, carrying a share of production traffic. */
    public static class TaskSet {
        public String id;
        public String service;
        public String taskDefinitionArn;
        public String targetGroupArn;
        public List<Task> tasks = new ArrayList<>();
    }

    /** An App Runner service: its image, status and operations (latest first). */
    public static class AppRunnerService {
        public String arn;
        public String name;
        public String id;
        public String url;
        public String status = "RUNNING";
        public String image;
        public List<AppRunnerOperation> operations = new ArrayList<>();
    }

    /** An App Runner operation, which ends {@code endsAt} (epoch seconds of the fake's clock). */
    public static class AppRunnerOperation {
        public String id;
        public String type;
        public String status = "IN_PROGRESS";
        public String targetImage;
        public long startedAt;
        public long endsAt;
    }

    /** A Route 53 hosted zone with its record sets and tags. */
    public static class HostedZone {
        public String id;
        public String name;
        public List<RecordSet> records = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    /** A Route 53 record set; weighted when it has a set identifier and a weight; alias when it has a DNS name. */
    public static class RecordSet {
        public String name;
        public String type;
        public String setIdentifier;
        public Long weight;
        public Long ttl;
        public List<String> values = new ArrayList<>();
        public String aliasZoneId;
        public String aliasDnsName;

        /** The order ListResourceRecordSets lists in. */
        String sortKey() {
            return name + "\u0000" + type + "\u0000" + (setIdentifier == null ? "" : setIdentifier);
        }
    }

    /** An Application Load Balancer. */
    public static class LoadBalancer {
        public String arn;
        public String name;
    }

    /** A target group; {@code unhealthy} makes every target in it fail its health check. */
    public static class TargetGroup {
        public String arn;
        public String name;
        public int port = 8080;
        public boolean unhealthy;
    }

    /** A listener with its default actions. */
    public static class Listener {
        public String arn;
        public String loadBalancerArn;
        public int port;
        public String protocol = "HTTPS";
        public List<Action> actions = new ArrayList<>();
    }

    /** A listener rule; the default rule has no actions of its own (it shows the listener's). */
    public static class Rule {
        public String arn;
        public String listenerArn;
        public String priority;
        public List<String> pathPatterns = new ArrayList<>();
        public List<Action> actions = new ArrayList<>();
        public boolean isDefault;
    }

    /** A listener or rule action; forward actions list their target groups with weights. */
    public static class Action {
        public String type = "forward";
        public Integer order;
        public List<Weighted> targetGroups = new ArrayList<>();

        public int weightOf(String targetGroupArn) {
            return targetGroups.stream().filter(w -> w.targetGroupArn.equals(targetGroupArn))
                    .mapToInt(w -> w.weight).sum();
        }
    }

    /** One target group of a forward action. */
    public static class Weighted {
        public String targetGroupArn;
        public int weight;

        public Weighted() {}

        public Weighted(String targetGroupArn, int weight) {
            this.targetGroupArn = targetGroupArn;
            this.weight = weight;
        }
    }

    /** An ECS service; its task definition and counts are those of its deployments. */
    public static class Service {
        public String arn;
        public String name;
        public String clusterArn;
        public String deploymentController = "ECS";
        public String targetGroupArn;
        public String containerName = "app";
        public int containerPort = 8080;
        public boolean rolloutFails;
        /**
         * The deploymentConfiguration as last set (strategy, bakeTimeInMinutes, canaryConfiguration,
         * linearConfiguration, alarms, lifecycleHooks); null for the ROLLING defaults.
         */
        public ObjectNode deploymentConfiguration;
        /** loadBalancers[0].advancedConfiguration of an ECS-native blue/green service, else null. */
        public ObjectNode advancedConfiguration;
        /** ECS tags of the service (TagResource, ListTagsForResource). */
        public Map<String, String> tags = new LinkedHashMap<>();
        /** The service revision production runs now, once the service has had a service deployment. */
        public String currentRevisionArn;
        /** Task definition of each service revision, by revision ARN. */
        public Map<String, String> revisions = new LinkedHashMap<>();
        /** ECS-native service deployments, newest first. */
        public List<ServiceDeployment> serviceDeployments = new ArrayList<>();
        /** Fargate platform version and awsvpc subnets, reported when set (CodeDeploy's AppSpec copies them). */
        public String platformVersion;
        public List<String> subnets = new ArrayList<>();
        public List<String> securityGroups = new ArrayList<>();
        /** Capacity provider to {base, weight}, in order; empty for a launch type (FARGATE). */
        public Map<String, int[]> capacityProviderStrategy = new LinkedHashMap<>();
        public List<Deployment> deployments = new ArrayList<>();
        public List<Task> tasks = new ArrayList<>();

        public Deployment primary() {
            return deployments.get(0);
        }
    }

    /** A deployment of a service; the first of a service's deployments is the PRIMARY one. */
    public static class Deployment {
        public String id;
        public String status = "PRIMARY";
        public String taskDefinitionArn;
        public int desiredCount;
        public int runningCount;
        public int pendingCount;
        public int failedTasks;
        public String rolloutState = "COMPLETED";
        public String rolloutStateReason;
        /** Running count when the current change began, and steps taken since. */
        public int fromCount;
        public int progress;
        public long createdAt;
    }

    /**
     * A service deployment that ECS runs itself (strategy BLUE_GREEN, CANARY or LINEAR): its lifecycle stage and
     * the production share it has moved to the target revision, on the fake's clock (epoch seconds).
     */
    public static class ServiceDeployment {
        public String arn;
        public String serviceArn;
        public String clusterArn;
        /** PENDING, IN_PROGRESS, SUCCESSFUL, STOP_REQUESTED, STOPPED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ... */
        public String status = "IN_PROGRESS";
        public String statusReason;
        public String lifecycleStage;
        public String sourceRevisionArn;
        public String targetRevisionArn;
        public String sourceTargetGroupArn;
        public String targetTargetGroupArn;
        public int desiredCount;
        /** The deploymentConfiguration the deployment started with. */
        public ObjectNode configuration;
        public long createdAt;
        public long stageEndsAt;
        public long finishedAt;
        public long stoppedAt;
        /** Production percent on the target revision, and test traffic on it. */
        public int productionShare;
        public int testShare;
        /** When the next canary or linear step moves traffic (0: none pending). */
        public long nextShiftAt;
        /** The hook of the current stage has answered SUCCEEDED; when it is asked next; its carried details. */
        public boolean hookPassed;
        public long hookNextAt;
        public ObjectNode hookDetails;
        public int hookInvocations;
        public String rollbackReason;
        public long rollbackStartedAt;
        public List<String> triggeredAlarms = new ArrayList<>();
    }

    /** A running task, registered as a target in its service's target group. */
    public static class Task {
        public String id;
        /** The target group the task is registered in, when not its service's own (ECS-native blue/green). */
        public String targetGroupArn;
        public String ip;
        public String taskDefinitionArn;
        /** DescribeTargetHealth calls that have seen this task. */
        public int healthPolls;
    }

    public String nextId() {
        return String.valueOf(++idCounter);
    }

    public Optional<Service> service(String clusterArn, String nameOrArn) {
        return services.values().stream()
                .filter(s -> s.clusterArn.equals(clusterArn))
                .filter(s -> s.name.equals(nameOrArn) || s.arn.equals(nameOrArn))
                .findFirst();
    }

    /** The service named {@code name} in any cluster; fails when there is none. */
    public Service service(String name) {
        return services.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The fake has no ECS service named " + name + "."));
    }

    public TargetGroup targetGroupNamed(String name) {
        return targetGroups.values().stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The fake has no target group named " + name + "."));
    }

    public Set<String> knownArns() {
        Set<String> arns = new LinkedHashSet<>();
        arns.addAll(loadBalancers.keySet());
        arns.addAll(targetGroups.keySet());
        arns.addAll(listeners.keySet());
        arns.addAll(rules.keySet());
        return arns;
    }

    /** A deep copy that later changes to this state do not affect. */
    /** Makes this state a deep copy of {@code saved}, field by field, keeping this object (the fake's live one). */
    void restoreFrom(FakeAwsState saved) {
        FakeAwsState copy = saved.copy();
        try {
            for (Field f : FakeAwsState.class.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) {
                    f.set(this, f.get(copy));
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("FakeAwsState fields are public; cannot copy them", e);
        }
    }

    public FakeAwsState copy() {
        try {
            return WireFormat.JSON.readValue(WireFormat.JSON.writeValueAsString(this), FakeAwsState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot copy the fake AWS state", e);
        }
    }
}
