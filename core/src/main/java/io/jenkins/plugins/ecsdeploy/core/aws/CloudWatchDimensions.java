package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.model.ResolvedEnvironment;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dimension values CloudWatch files a slot's metrics under, from the environment's ARNs: the ALB's
 * ({@code TargetGroup}, {@code LoadBalancer}), ECS's ({@code ClusterName}, {@code ServiceName}), App Runner's
 * ({@code ServiceName}, {@code ServiceID}), and the values of a custom metric's placeholders.
 */
public final class CloudWatchDimensions {

    private CloudWatchDimensions() {
    }

    /**
     * {@code arn:aws:elasticloadbalancing:r:a:targetgroup/name/id} becomes {@code targetgroup/name/id}.
     *
     * @throws IllegalArgumentException if it is no target group ARN
     */
    public static String targetGroup(String arn) {
        int at = arn == null ? -1 : arn.indexOf(":targetgroup/");
        if (at < 0) {
            throw new IllegalArgumentException("target group ARN '" + arn + "' has no ':targetgroup/name/id' part: "
                    + "give the ARN of the slot's ALB target group.");
        }
        return arn.substring(at + 1);
    }

    /**
     * {@code arn:aws:elasticloadbalancing:r:a:loadbalancer/app/name/id} becomes {@code app/name/id}.
     *
     * @throws IllegalArgumentException if it is no Application Load Balancer's ARN
     */
    public static String loadBalancer(String arn) {
        int at = arn == null ? -1 : arn.indexOf(":loadbalancer/app/");
        if (at < 0) {
            throw new IllegalArgumentException("load balancer ARN '" + arn + "' is not an Application Load "
                    + "Balancer's (':loadbalancer/app/name/id'): canary analysis reads ALB metrics.");
        }
        return arn.substring(at + ":loadbalancer/".length());
    }

    /**
     * {@code arn:aws:apprunner:r:a:service/NAME/ID} becomes {NAME, ID}, the ServiceName and ServiceID that AWS/AppRunner
     * metrics are filed under.
     *
     * @throws IllegalArgumentException if it is no App Runner service ARN
     */
    public static String[] appRunnerService(String arn) {
        int at = arn == null ? -1 : arn.indexOf(":service/");
        String[] parts = at < 0 ? new String[0] : arn.substring(at + ":service/".length()).split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("App Runner service ARN '" + arn + "' has no ':service/NAME/ID' part:"
                    + " canary analysis reads the service's metrics by its name and ID.");
        }
        return parts;
    }

    /** {@code arn:aws:ecs:r:a:cluster/NAME} becomes {@code NAME}, as AWS/ECS metrics name it; null stays null. */
    public static String clusterName(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    /**
     * The values of {@link io.jenkins.plugins.ecsdeploy.core.config.MetricPlaceholders} for one slot.
     *
     * @throws IllegalArgumentException if a target group or load balancer ARN is not an ALB ARN
     */
    public static Map<String, String> placeholders(ResolvedEnvironment env, Slot slot) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("slot", slot.id());
        if (env.records() != null) {
            String[] service = appRunnerService(env.service(slot));
            values.put("service", service[0]);
            values.put("serviceId", service[1]);
            return values;
        }
        values.put("service", env.service(slot));
        values.put("cluster", clusterName(env.clusterArn()));
        values.put("targetGroup", targetGroup(env.targetGroupArn(slot)));
        values.put("loadBalancer", loadBalancer(env.loadBalancerArn()));
        return values;
    }
}
