package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.SlotsConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The ECS half of the preflight: the cluster, the slots' services and the deployed container. */
final class EcsPreflight {

    /** What DescribeServices answers for a cluster that does not exist, or no longer does. */
    private static final String CLUSTER_NOT_FOUND = "ClusterNotFoundException";

    private final EcsClient ecs;
    private final Problems problems;
    private final Map<String, TaskDefinition> taskDefinitions = new HashMap<>();
    private final TaskDefinitionReads reads;

    /** @param reads where the task definitions read here are kept for the run's later steps */
    EcsPreflight(EcsClient ecs, Problems problems, TaskDefinitionReads reads) {
        this.ecs = ecs;
        this.problems = problems;
        this.reads = reads;
    }

    /** The cluster's ARN when it exists and is ACTIVE, else null with the problem recorded. */
    String cluster(String cluster, String region) {
        if (cluster == null || cluster.isBlank()) {
            problems.add("cluster is not set: give the ECS cluster's name or ARN.");
            return null;
        }
        DescribeClustersResponse reply = problems.read(() -> AwsErrors.call("ecs:DescribeClusters",
                "cluster '" + cluster + "'", "cluster", () -> ecs.describeClusters(b -> b.clusters(cluster))));
        if (reply == null) {
            return null;
        }
        Cluster found = reply.clusters().stream().findFirst().orElse(null);
        if (found == null) {
            problems.add("ECS cluster '" + cluster + "' (cluster) was not found in region " + region
                    + ": check the name and the region.");
            return null;
        }
        if (!"ACTIVE".equals(found.status())) {
            problems.add("ECS cluster '" + cluster + "' (cluster) is " + found.status()
                    + ", not ACTIVE: deploy to an active cluster.");
            return null;
        }
        return found.clusterArn();
    }

    /** The cluster's ARN and each slot's service name that passed its checks; the ARN is null after a problem. */
    record ClusterServices(String clusterArn, Map<Slot, String> services) {

        static final ClusterServices NONE = new ClusterServices(null, Map.of());
    }

    /**
     * The cluster and the slots' services, in one DescribeServices: the services name their cluster's ARN, and a
     * missing cluster fails that call (ClusterNotFoundException), so the cluster is read only to say what is wrong
     * with it (missing or inactive), or to name it when neither service was found. Problems are recorded for
     * services that do not exist, are not ACTIVE or do not use the ECS deployment controller.
     */
    ClusterServices clusterAndServices(String cluster, String region, SlotsConfig slots, String container) {
        if (cluster == null || cluster.isBlank() || slots == null) {
            return new ClusterServices(cluster(cluster, region), Map.of());
        }
        List<String> wanted = Arrays.stream(Slot.values()).map(slot -> slots.get(slot).service())
                .filter(name -> name != null && !name.isBlank()).distinct().toList();
        if (wanted.isEmpty()) {
            return new ClusterServices(cluster(cluster, region), Map.of());
        }
        boolean[] clusterNotFound = {false};
        DescribeServicesResponse reply = problems.read(() -> {
            try {
                return AwsErrors.call("ecs:DescribeServices", "services " + wanted + " in cluster '" + cluster
                        + "'", null, () -> ecs.describeServices(b -> b.cluster(cluster).services(wanted)));
            } catch (AwsFailure e) {
                if (!CLUSTER_NOT_FOUND.equals(e.errorCode())) {
                    throw e;
                }
                clusterNotFound[0] = true;
                return null;
            }
        });
        if (clusterNotFound[0]) {
            // DescribeClusters says whether it is missing or inactive, in the words of the cluster check.
            if (cluster(cluster, region) != null) {
                problems.add("ECS cluster '" + cluster + "' (cluster) was not found by ecs:DescribeServices in"
                        + " region " + region + ": check the name and the region.");
            }
            return ClusterServices.NONE;
        }
        if (reply == null) {
            return ClusterServices.NONE;
        }
        String clusterArn = reply.services().stream().map(Service::clusterArn).filter(a -> a != null)
                .findFirst().orElse(null);
        if (clusterArn == null) {
            // Neither service was found: the cluster's ARN names where they were looked for.
            clusterArn = cluster(cluster, region);
            if (clusterArn == null) {
                return ClusterServices.NONE;
            }
        }
        return new ClusterServices(clusterArn, services(reply, clusterArn, slots, container));
    }

    /**
     * Each slot's service name, for the services that exist in the cluster, are ACTIVE and use the ECS
     * deployment controller; problems are recorded for the rest.
     */
    private Map<Slot, String> services(DescribeServicesResponse reply, String clusterArn, SlotsConfig slots,
            String container) {
        Map<Slot, String> names = new EnumMap<>(Slot.class);
        String blue = slots.blue().service();
        if (blue != null && !blue.isBlank() && blue.equals(slots.green().service())) {
            problems.add("slots.blue.service and slots.green.service are both '" + blue
                    + "': blue/green needs two services, one per slot.");
        }
        for (Slot slot : Slot.values()) {
            String name = slots.get(slot).service();
            if (name == null || name.isBlank()) {
                continue;
            }
            String field = "slots." + slot.id() + ".service";
            Service service = reply.services().stream()
                    .filter(s -> name.equals(s.serviceName()) || name.equals(s.serviceArn()))
                    .findFirst().orElse(null);
            if (service == null) {
                problems.add("ECS service '" + name + "' (" + field + ") was not found in cluster " + clusterArn
                        + ": check the name, or create the service first.");
            } else if (check(service, clusterArn, field, container)) {
                names.put(slot, service.serviceName());
            }
        }
        return names;
    }

    /** The service when it exists, is ACTIVE, uses the ECS controller and runs the container; else null. */
    Service service(String clusterArn, String name, String field, String container) {
        DescribeServicesResponse reply = problems.read(() -> AwsErrors.call("ecs:DescribeServices",
                "service " + name + " in cluster " + clusterArn, field,
                () -> ecs.describeServices(b -> b.cluster(clusterArn).services(name))));
        if (reply == null) {
            return null;
        }
        Service service = reply.services().stream().findFirst().orElse(null);
        if (service == null) {
            problems.add("ECS service '" + name + "' (" + field + ") was not found in cluster " + clusterArn
                    + ": check the name, or create the service first.");
            return null;
        }
        return check(service, clusterArn, field, container) ? service : null;
    }

    private boolean check(Service service, String clusterArn, String field, String container) {
        String name = service.serviceName();
        if (!"ACTIVE".equals(service.status())) {
            problems.add("ECS service '" + name + "' (" + field + ") is " + service.status()
                    + ", not ACTIVE: use an active service.");
            return false;
        }
        DeploymentControllerType controller = service.deploymentController() == null
                ? DeploymentControllerType.ECS : service.deploymentController().type();
        if (controller != DeploymentControllerType.ECS) {
            problems.add("ECS service '" + name + "' (" + field + ") uses the "
                    + service.deploymentController().typeAsString() + " deployment controller, which rejects"
                    + " the task definition changes this tool makes with UpdateService: switch it to the ECS"
                    + " controller (aws ecs update-service --cluster " + clusterArn + " --service " + name
                    + " --deployment-controller type=ECS) or use a service created with it.");
            return false;
        }
        return container == null || hasContainer(service, field, container);
    }

    private boolean hasContainer(Service service, String field, String container) {
        String arn = service.taskDefinition();
        // Both slots often run the same revision: ask once, and record a failed read once (as null).
        if (!taskDefinitions.containsKey(arn)) {
            // With its tags, which a deploy's copy carries over: that copy then needs no read of its own.
            taskDefinitions.put(arn, problems.read(() -> reads.withTags(arn).taskDefinition()));
        }
        TaskDefinition td = taskDefinitions.get(arn);
        if (td == null) {
            return false;
        }
        boolean found = td.containerDefinitions().stream().anyMatch(c -> container.equals(c.name()));
        if (!found) {
            problems.add("ECS service '" + service.serviceName() + "' (" + field + ") runs task definition " + arn
                    + ", which has no container named '" + container + "' (container); it has "
                    + TaskDefinitionCopy.names(td) + ": set container to the one whose image is deployed.");
        }
        return found;
    }
}
