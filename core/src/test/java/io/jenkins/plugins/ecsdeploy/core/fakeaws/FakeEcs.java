package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Deployment;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAwsState.Service;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ECS actions the deployments use; rollouts advance one step per DescribeServices of the service. */
final class FakeEcs {

    private final Clock clock;
    final FakeServiceDeployments serviceDeployments;
    private final FakeEcsServiceDeployments serviceDeploymentActions;

    FakeEcs(Clock clock) {
        this.clock = clock;
        this.serviceDeployments = new FakeServiceDeployments(clock);
        this.serviceDeploymentActions = new FakeEcsServiceDeployments(serviceDeployments);
    }

    /** Answers one action with its JSON reply body. */
    String handle(String action, JsonNode request, FakeAwsState s) {
        ObjectNode reply = switch (action) {
            case "DescribeClusters" -> describeClusters(request, s);
            case "DescribeServices" -> describeServices(request, s);
            case "UpdateService" -> updateService(request, s);
            case "DescribeTaskDefinition" -> describeTaskDefinition(request, s);
            case "RegisterTaskDefinition" -> registerTaskDefinition(request, s);
            default -> serviceDeploymentActions.handle(action, request, s).orElseThrow(() -> AwsError.client(
                    "UnknownOperationException", "The fake ECS does not implement " + action + "."));
        };
        return reply.toString();
    }

    private ObjectNode describeClusters(JsonNode request, FakeAwsState s) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode clusters = reply.putArray("clusters");
        ArrayNode failures = reply.putArray("failures");
        List<String> wanted = strings(request.path("clusters"));
        for (String nameOrArn : wanted.isEmpty() ? List.of("default") : wanted) {
            Optional<String> arn = s.clusters.values().stream()
                    .filter(a -> a.equals(nameOrArn) || a.endsWith(":cluster/" + nameOrArn)).findFirst();
            if (arn.isEmpty()) {
                failures.addObject().put("arn", clusterArn(s, nameOrArn)).put("reason", "MISSING");
                continue;
            }
            List<Service> inCluster = s.services.values().stream().filter(v -> v.clusterArn.equals(arn.get()))
                    .toList();
            clusters.addObject().put("clusterArn", arn.get())
                    .put("clusterName", arn.get().substring(arn.get().indexOf(":cluster/") + 9))
                    .put("status", "ACTIVE")
                    .put("runningTasksCount", inCluster.stream().mapToInt(v -> v.tasks.size()).sum())
                    .put("pendingTasksCount", inCluster.stream().mapToInt(v -> pending(v)).sum())
                    .put("activeServicesCount", inCluster.size())
                    .put("registeredContainerInstancesCount", 0);
        }
        return reply;
    }

    private ObjectNode describeServices(JsonNode request, FakeAwsState s) {
        String clusterArn = cluster(request, s);
        List<String> names = strings(request.path("services"));
        if (names.isEmpty() || names.size() > 10) {
            throw AwsError.client("InvalidParameterException", "services must name between 1 and 10 services.");
        }
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode services = reply.putArray("services");
        ArrayNode failures = reply.putArray("failures");
        for (String name : names) {
            Optional<Service> service = s.service(clusterArn, name);
            if (service.isEmpty()) {
                String arn = name.startsWith("arn:") ? name : serviceArn(s, clusterArn, name);
                failures.addObject().put("arn", arn).put("reason", "MISSING");
                continue;
            }
            advance(service.get(), s);
            services.add(describe(service.get(), s, strings(request.path("include")).contains("TAGS")));
        }
        return reply;
    }

    private ObjectNode updateService(JsonNode request, FakeAwsState s) {
        String clusterArn = cluster(request, s);
        Service service = s.service(clusterArn, request.path("service").asText(""))
                .orElseThrow(() -> AwsError.client("ServiceNotFoundException", "Service not found."));
        Deployment primary = service.primary();
        if (request.has("desiredCount") && request.get("desiredCount").asInt() < 0) {
            throw AwsError.client("InvalidParameterException", "desiredCount must be 0 or more.");
        }
        int desired = request.has("desiredCount") ? request.get("desiredCount").asInt() : primary.desiredCount;
        String taskDefinition = primary.taskDefinitionArn;
        if (request.hasNonNull("taskDefinition")) {
            if ("CODE_DEPLOY".equals(service.deploymentController)) {
                throw AwsError.client("InvalidParameterException", "Unable to update task definition on services "
                        + "with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
            }
            taskDefinition = TaskDefinitions.resolve(s, request.get("taskDefinition").asText())
                    .orElseThrow(() -> AwsError.client("InvalidParameterException", "TaskDefinition not found."));
        }
        boolean forced = request.path("forceNewDeployment").asBoolean(false);
        ServiceSettings.apply(service, request, s);
        if (FakeServiceDeployments.managed(service)) {
            if (!taskDefinition.equals(primary.taskDefinitionArn) || forced) {
                serviceDeployments.start(service, taskDefinition, desired, s);
            } else {
                primary.desiredCount = desired;
            }
        } else if (!taskDefinition.equals(primary.taskDefinitionArn) || forced) {
            startRollout(service, taskDefinition, desired, s);
        } else {
            scale(primary, desired);
        }
        if (!FakeServiceDeployments.managed(service)) {
            syncTasks(service, s);
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.set("service", describe(service, s, false));
        return reply;
    }

    private ObjectNode describeTaskDefinition(JsonNode request, FakeAwsState s) {
        String arn = TaskDefinitions.resolve(s, request.path("taskDefinition").asText(""))
                .orElseThrow(() -> AwsError.client("ClientException", "Unable to describe task definition."));
        boolean withTags = strings(request.path("include")).contains("TAGS");
        return TaskDefinitions.reply(s, arn, withTags);
    }

    private ObjectNode registerTaskDefinition(JsonNode request, FakeAwsState s) {
        String arn = TaskDefinitions.register(s, (ObjectNode) request, clock.instant());
        return TaskDefinitions.reply(s, arn, true);
    }

    private void startRollout(Service service, String taskDefinitionArn, int desired, FakeAwsState s) {
        service.deployments.forEach(d -> d.status = "ACTIVE");
        service.deployments.add(0, deployment(s, taskDefinitionArn, desired, clock.instant()));
    }

    /** A new PRIMARY deployment whose tasks are all still to start. */
    static Deployment deployment(FakeAwsState s, String taskDefinitionArn, int desired, Instant now) {
        Deployment d = new Deployment();
        d.id = "ecs-svc/" + String.format("%019d", Long.parseLong(s.nextId()));
        d.taskDefinitionArn = taskDefinitionArn;
        d.desiredCount = desired;
        d.pendingCount = desired;
        d.rolloutState = "IN_PROGRESS";
        d.rolloutStateReason = "ECS deployment " + d.id + " in progress.";
        d.createdAt = now.getEpochSecond();
        return d;
    }

    /** Scaling down stops tasks at once; scaling up starts them as pending, running after the rollout steps. */
    private static void scale(Deployment primary, int desired) {
        primary.desiredCount = desired;
        if (desired <= primary.runningCount) {
            primary.runningCount = desired;
            primary.pendingCount = 0;
        } else {
            primary.fromCount = primary.runningCount;
            primary.progress = 0;
            primary.pendingCount = desired - primary.runningCount;
        }
    }

    /** Takes one step of every unfinished change of every service. */
    void tick(FakeAwsState s) {
        s.services.values().forEach(service -> advance(service, s));
        serviceDeployments.settle(s);
    }

    private static void advance(Service service, FakeAwsState s) {
        if (FakeServiceDeployments.managed(service)) {
            return;
        }
        Deployment p = service.primary();
        boolean rollingOut = "IN_PROGRESS".equals(p.rolloutState);
        if ("FAILED".equals(p.rolloutState) || (!rollingOut && p.runningCount == p.desiredCount)) {
            return;
        }
        p.progress++;
        if (p.progress < s.rolloutSteps) {
            p.runningCount = p.fromCount + (p.desiredCount - p.fromCount) * p.progress / s.rolloutSteps;
            p.pendingCount = p.desiredCount - p.runningCount;
        } else if (rollingOut && service.rolloutFails) {
            p.failedTasks = p.desiredCount;
            p.runningCount = 0;
            p.pendingCount = 0;
            p.rolloutState = "FAILED";
            p.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        } else {
            p.runningCount = p.desiredCount;
            p.pendingCount = 0;
            if (rollingOut) {
                p.rolloutState = "COMPLETED";
                p.rolloutStateReason = "ECS deployment " + p.id + " completed.";
                service.deployments.subList(1, service.deployments.size()).clear();
            }
        }
        syncTasks(service, s);
    }

    /** Keeps one task per running count of each deployment, reusing tasks that already run its revision. */
    private static void syncTasks(Service service, FakeAwsState s) {
        List<FakeAwsState.Task> kept = new ArrayList<>();
        List<FakeAwsState.Task> available = new ArrayList<>(service.tasks);
        for (Deployment d : service.deployments) {
            for (int i = 0; i < d.runningCount; i++) {
                Optional<FakeAwsState.Task> reused = available.stream()
                        .filter(t -> t.taskDefinitionArn.equals(d.taskDefinitionArn)).findFirst();
                FakeAwsState.Task task = reused.orElseGet(() -> newTask(d.taskDefinitionArn, s));
                available.remove(task);
                kept.add(task);
            }
        }
        service.tasks = kept;
    }

    static FakeAwsState.Task newTask(String taskDefinitionArn, FakeAwsState s) {
        FakeAwsState.Task task = new FakeAwsState.Task();
        int n = Integer.parseInt(s.nextId());
        task.id = String.format("%032x", n);
        task.ip = "10.0." + (n / 250) + "." + (n % 250 + 1);
        task.taskDefinitionArn = taskDefinitionArn;
        return task;
    }

    private static ObjectNode describe(Service v, FakeAwsState s, boolean withTags) {
        Deployment p = v.primary();
        ObjectNode json = JSON.createObjectNode()
                .put("serviceArn", v.arn).put("serviceName", v.name).put("clusterArn", v.clusterArn)
                .put("status", "ACTIVE").put("desiredCount", p.desiredCount)
                .put("runningCount", v.deployments.stream().mapToInt(d -> d.runningCount).sum())
                .put("pendingCount", pending(v)).put("launchType", "FARGATE")
                .put("taskDefinition", p.taskDefinitionArn).put("schedulingStrategy", "REPLICA");
        if (v.targetGroupArn != null) {
            ObjectNode lb = json.putArray("loadBalancers").addObject().put("targetGroupArn", v.targetGroupArn)
                    .put("containerName", v.containerName).put("containerPort", v.containerPort);
            if (v.advancedConfiguration != null) {
                lb.set("advancedConfiguration", v.advancedConfiguration.deepCopy());
            }
        }
        json.putObject("deploymentController").put("type", v.deploymentController);
        if (v.platformVersion != null) {
            json.put("platformVersion", v.platformVersion);
        }
        if (!v.subnets.isEmpty()) {
            ObjectNode vpc = json.putObject("networkConfiguration").putObject("awsvpcConfiguration");
            v.subnets.forEach(vpc.putArray("subnets")::add);
            v.securityGroups.forEach(vpc.putArray("securityGroups")::add);
            vpc.put("assignPublicIp", "DISABLED");
        }
        ObjectNode config = json.putObject("deploymentConfiguration")
                .put("maximumPercent", 200).put("minimumHealthyPercent", 100);
        config.putObject("deploymentCircuitBreaker").put("enable", true).put("rollback", false);
        if (v.deploymentConfiguration != null) {
            config.setAll(v.deploymentConfiguration.deepCopy());
        }
        if (!v.serviceDeployments.isEmpty()) {
            json.put("currentServiceDeployment", v.serviceDeployments.get(0).arn);
        }
        if (withTags) {
            ArrayNode tags = json.putArray("tags");
            v.tags.forEach((k, value) -> tags.addObject().put("key", k).put("value", value));
        }
        ArrayNode deployments = json.putArray("deployments");
        for (Deployment d : v.deployments) {
            deployments.addObject().put("id", d.id).put("status", d.status)
                    .put("taskDefinition", d.taskDefinitionArn).put("desiredCount", d.desiredCount)
                    .put("pendingCount", d.pendingCount).put("runningCount", d.runningCount)
                    .put("failedTasks", d.failedTasks).put("createdAt", d.createdAt).put("updatedAt", d.createdAt)
                    .put("launchType", "FARGATE").put("rolloutState", d.rolloutState)
                    .put("rolloutStateReason", d.rolloutStateReason);
        }
        json.putArray("events");
        FakeTaskSets.describe(v, s, json);
        FakeTaskSets.capacityProviders(v, json);
        return json;
    }

    private static int pending(Service v) {
        return v.deployments.stream().mapToInt(d -> d.pendingCount).sum();
    }

    private static String cluster(JsonNode request, FakeAwsState s) {
        String nameOrArn = request.path("cluster").asText("default");
        return s.clusters.values().stream()
                .filter(a -> a.equals(nameOrArn) || a.endsWith(":cluster/" + nameOrArn)).findFirst()
                .orElseThrow(() -> AwsError.client("ClusterNotFoundException", "Cluster not found."));
    }

    static String clusterArn(FakeAwsState s, String name) {
        return name.startsWith("arn:") ? name : "arn:aws:ecs:" + s.region + ":" + s.account + ":cluster/" + name;
    }

    static String serviceArn(FakeAwsState s, String clusterArn, String name) {
        String cluster = clusterArn.substring(clusterArn.indexOf(":cluster/") + 9);
        return "arn:aws:ecs:" + s.region + ":" + s.account + ":service/" + cluster + "/" + name;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
