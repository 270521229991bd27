package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.show;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules for the built-in metrics' levels: their ranges, the warn levels and the dry-run list. */
final class LevelRules {

    private LevelRules() {
    }

    /** What is wrong with a level of a built-in metric, or null when it is in range. */
    static String rangeProblem(String metric, double level) {
        boolean finite = Double.isFinite(level);
        if (metric.startsWith("relative")) {
            return finite && level >= 0 ? null : show(level) + " is out of range: use 0 or more; leave it out to "
                    + "not compare with the stable slot";
        }
        if (metric.equals("errorRate")) {
            return finite && level > 0 && level <= 100 ? null : show(level) + " is out of range: use more than 0 "
                    + "and at most 100";
        }
        String unit = metric.startsWith("p") ? "milliseconds" : "percent";
        return finite && level > 0 ? null : show(level) + " is out of range: use a number of " + unit
                + " more than 0";
    }

    static void check(AnalysisConfig a, List<ConfigProblem> out) {
        for (Map.Entry<String, Double> w : a.warn().entrySet()) {
            String metric = w.getKey();
            String field = "analysis.warn." + metric;
            if (!AnalysisConfig.METRICS.contains(metric) || metric.equals("healthyHosts")) {
                out.add(new ConfigProblem(field, "unknown metric " + ValueRules.quote(metric) + ": warn levels are "
                        + "for " + String.join(", ", warnable())));
                continue;
            }
            String problem = rangeProblem(metric, w.getValue());
            Double fail = a.failLevel(metric);
            String setting = AnalysisConfig.failSetting(metric);
            if (problem != null) {
                out.add(new ConfigProblem(field, problem));
            } else if (fail != null && Double.isFinite(fail) && w.getValue() >= fail) {
                out.add(new ConfigProblem(field, show(w.getValue()) + " is not below " + setting + " (" + show(fail)
                        + "): a warning must come before the failure; lower it, or raise " + setting));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < a.dryRun().size(); i++) {
            String metric = a.dryRun().get(i);
            String field = "analysis.dryRun[" + i + "]";
            if (!AnalysisConfig.METRICS.contains(metric)) {
                out.add(new ConfigProblem(field, "unknown metric " + ValueRules.quote(metric) + ": use "
                        + String.join(", ", AnalysisConfig.METRICS) + " (custom metrics take dryRun: true)"));
            } else if (!seen.add(metric)) {
                out.add(new ConfigProblem(field, ValueRules.quote(metric) + " is listed twice"));
            }
        }
    }

    private static List<String> warnable() {
        return AnalysisConfig.METRICS.stream().filter(m -> !m.equals("healthyHosts")).toList();
    }
}
