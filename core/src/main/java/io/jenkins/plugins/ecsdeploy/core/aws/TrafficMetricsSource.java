package io.jenkins.plugins.ecsdeploy.core.aws;

/**
 * Where CloudWatch files a slot's traffic metrics: under its ALB target group (AWS/ApplicationELB, latency in
 * seconds; the ECS service's utilization under AWS/ECS), or under its App Runner service (AWS/AppRunner, by
 * ServiceName and ServiceID, latency in milliseconds, utilization in the same namespace).
 */
enum TrafficMetricsSource {
    ALB("AWS/ApplicationELB", "AWS/ECS", 1000),
    APP_RUNNER("AWS/AppRunner", "AWS/AppRunner", 1);

    final String namespace;
    final String utilizationNamespace;
    /** What turns a latency data point into milliseconds, the unit the analysis speaks. */
    final double latencyToMillis;

    TrafficMetricsSource(String namespace, String utilizationNamespace, double latencyToMillis) {
        this.namespace = namespace;
        this.utilizationNamespace = utilizationNamespace;
        this.latencyToMillis = latencyToMillis;
    }
}
