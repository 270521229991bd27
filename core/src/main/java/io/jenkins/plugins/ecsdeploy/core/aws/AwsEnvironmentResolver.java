package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.config.SlotsConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.EnvironmentResolver;
import io.jenkins.plugins.ecsdeploy.core.engine.port.PreflightException;
import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Resolves an environment's names to ARNs and checks, with read-only calls, that its resources fit a blue/green
 * deployment. Every problem is collected before failing, so one run shows everything there is to fix.
 */
public final class AwsEnvironmentResolver implements EnvironmentResolver {

    private final ElasticLoadBalancingV2Client elb;
    private final EcsClient ecs;

    private final TaskDefinitionReads reads;

    public AwsEnvironmentResolver(ElasticLoadBalancingV2Client elb, EcsClient ecs) {
        this(elb, ecs, new TaskDefinitionReads(ecs));
    }

    /** @param reads where the task definitions read here are kept for the ports of the same engine */
    AwsEnvironmentResolver(ElasticLoadBalancingV2Client elb, EcsClient ecs, TaskDefinitionReads reads) {
        this.elb = elb;
        this.ecs = ecs;
        this.reads = reads;
    }

    @Override
    public ResolvedEnvironment resolve(EnvironmentConfig config) {
        Problems problems = new Problems();
        reads.forget();
        SlotsConfig slots = requireSlots(config.slots(), problems);
        EcsPreflight ecsChecks = new EcsPreflight(ecs, problems, reads);
        ElbPreflight elbChecks = new ElbPreflight(elb, problems);

        EcsPreflight.ClusterServices ecsSide = ecsChecks.clusterAndServices(config.cluster(), config.region(), slots,
                config.container());
        String clusterArn = ecsSide.clusterArn();
        Map<Slot, String> services = ecsSide.services();
        if (slots != null) {
            elbChecks.readAhead(slots.blue().targetGroup(), slots.green().targetGroup());
        }
        String blueTg = slots == null ? null : elbChecks.targetGroup("slots.blue.targetGroup", slots.blue()
                .targetGroup());
        String greenTg = slots == null ? null : elbChecks.targetGroup("slots.green.targetGroup", slots.green()
                .targetGroup());
        boolean slotGroups = blueTg != null && greenTg != null;
        if (slotGroups && blueTg.equals(greenTg)) {
            problems.add("slots.blue.targetGroup and slots.green.targetGroup are both " + blueTg
                    + ": each slot needs its own target group.");
            slotGroups = false;
        }

        ElbPreflight.Steering production = null;
        if (config.listener() == null) {
            problems.add("listener is not set: give listener.arn, or listener.loadBalancer and listener.port.");
        } else {
            production = elbChecks.steering("listener", config.listener());
            if (production != null && slotGroups) {
                elbChecks.checkForward("listener", production, blueTg, greenTg, true);
            }
        }
        ElbPreflight.Steering test = null;
        if (config.testListener() != null) {
            test = elbChecks.steering("testListener", config.testListener());
            if (test != null && slotGroups) {
                elbChecks.checkForward("testListener", test, blueTg, greenTg, false);
            }
            if (test != null && production != null && test.listenerArn().equals(production.listenerArn())
                    && Objects.equals(test.ruleArn(), production.ruleArn())) {
                problems.add("testListener steers the same " + test.describe() + " as listener: give test"
                        + " traffic its own listener (e.g. port 8080) or rule, or leave testListener out.");
            }
        }

        if (!problems.isEmpty()) {
            throw new PreflightException(problems.list());
        }
        return new ResolvedEnvironment(clusterArn, services.get(Slot.BLUE), services.get(Slot.GREEN), blueTg,
                greenTg, production.loadBalancerArn(), production.listenerArn(), production.ruleArn(),
                test == null ? null : test.listenerArn(), test == null ? null : test.ruleArn());
    }

    /** The slots when both are configured (problems are recorded for blank services, which are then skipped). */
    private static SlotsConfig requireSlots(SlotsConfig slots, Problems problems) {
        if (slots == null || slots.blue() == null || slots.green() == null) {
            problems.add("slots is incomplete: give slots.blue and slots.green, each with a service and a"
                    + " targetGroup.");
            return null;
        }
        for (Slot slot : Slot.values()) {
            if (isBlank(slots.get(slot).service())) {
                problems.add("slots." + slot.id() + ".service is not set: give the slot's ECS service name or"
                        + " ARN.");
            }
        }
        return slots;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
