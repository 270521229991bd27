package io.jenkins.plugins.ecsdeploy.core.model;

/** Counts of the targets registered in one slot's target group, by health as the load balancer sees it. */
public record TargetHealthSummary(int healthy, int unhealthy, int total) {

    /** Every registered target is healthy, and there is at least {@code minimum} of them. */
    public boolean allHealthy(int minimum) {
        return total >= minimum && healthy == total;
    }
}
