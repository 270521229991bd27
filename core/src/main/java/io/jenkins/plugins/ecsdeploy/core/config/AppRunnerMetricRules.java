package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom metrics of App Runner slots: their dimensions may use only the placeholders such slots fill, {@code {slot}}
 * and {@code {service}} (the service's name). The others name an ECS cluster or ALB resources, which App Runner
 * slots have none of; unchecked, they would fail the first canary interval instead of the validation.
 */
final class AppRunnerMetricRules {

    static final List<String> PLACEHOLDERS = List.of("slot", "service");

    private AppRunnerMetricRules() {
    }

    static void check(AnalysisConfig analysis, List<ConfigProblem> out) {
        if (analysis == null) {
            return;
        }
        for (int i = 0; i < analysis.customMetrics().size(); i++) {
            CustomMetricConfig c = analysis.customMetrics().get(i);
            String field = "analysis.customMetrics[" + i + "]";
            Map<String, MetricStatConfig> stats = new LinkedHashMap<>();
            if (c.metric() != null) {
                stats.put(field + ".metric", c.metric());
            }
            if (c.metrics() != null) {
                c.metrics().forEach((ref, m) -> stats.put(ConfigPaths.child(field + ".metrics", ref), m));
            }
            stats.forEach((at, m) -> dimensions(at + ".dimensions", m, out));
        }
    }

    private static void dimensions(String field, MetricStatConfig m, List<ConfigProblem> out) {
        if (m == null || m.dimensions() == null) {
            return;
        }
        m.dimensions().forEach((name, value) -> {
            for (String used : value == null ? List.<String>of() : MetricPlaceholders.used(value)) {
                if (MetricPlaceholders.NAMES.contains(used) && !PLACEHOLDERS.contains(used)) {
                    out.add(new ConfigProblem(ConfigPaths.child(field, name), "{" + used + "} in " + quote(value)
                            + " names what App Runner slots do not have (an ECS cluster or ALB resources): use {slot}"
                            + " or {service} (the App Runner service's name)"));
                }
            }
        });
    }
}
