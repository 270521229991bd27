package io.jenkins.plugins.ecsdeploy.core.model;

/**
 * The environment's resources as ARNs, after names were looked up and the preflight checks passed. Saved in the
 * deployment state so that a resumed deployment steers exactly the resources it started with.
 *
 * @param clusterArn the ECS cluster
 * @param blueService the blue slot's ECS service name
 * @param greenService the green slot's ECS service name
 * @param blueTargetGroupArn the blue slot's target group
 * @param greenTargetGroupArn the green slot's target group
 * @param loadBalancerArn the load balancer the production listener belongs to
 * @param listenerArn the production listener
 * @param ruleArn the production rule steered instead of the listener's default action, or null
 * @param testListenerArn the test listener, or null
 * @param testRuleArn the test rule steered instead of the test listener's default action, or null
 * @param records the Route 53 weighted records that steer traffic instead of a listener, or null; then the services
 *     are App Runner service ARNs (or null for slots of kind none) and every ELB and ECS field is null
 */
public record ResolvedEnvironment(
        String clusterArn,
        String blueService,
        String greenService,
        String blueTargetGroupArn,
        String greenTargetGroupArn,
        String loadBalancerArn,
        String listenerArn,
        String ruleArn,
        String testListenerArn,
        String testRuleArn,
        WeightedRecords records) {

    /** An environment steered by an ALB listener. */
    public ResolvedEnvironment(String clusterArn, String blueService, String greenService, String blueTargetGroupArn,
            String greenTargetGroupArn, String loadBalancerArn, String listenerArn, String ruleArn,
            String testListenerArn, String testRuleArn) {
        this(clusterArn, blueService, greenService, blueTargetGroupArn, greenTargetGroupArn, loadBalancerArn,
                listenerArn, ruleArn, testListenerArn, testRuleArn, null);
    }

    /** An environment steered by Route 53 weighted records; {@code blueService}/{@code greenService} may be null. */
    public static ResolvedEnvironment weighted(WeightedRecords records, String blueService, String greenService) {
        return new ResolvedEnvironment(null, blueService, greenService, null, null, null, null, null, null, null,
                records);
    }

    public String service(Slot slot) {
        return slot == Slot.BLUE ? blueService : greenService;
    }

    public String targetGroupArn(Slot slot) {
        return slot == Slot.BLUE ? blueTargetGroupArn : greenTargetGroupArn;
    }

    public boolean hasTestListener() {
        return testListenerArn != null;
    }
}
