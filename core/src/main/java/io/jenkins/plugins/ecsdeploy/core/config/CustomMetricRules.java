package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.show;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules for the team's own metrics: what to read, which way is bad, and the levels. */
final class CustomMetricRules {

    /** A GetMetricData query id starts with a lowercase letter; names become part of one. */
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,62}");
    private static final int MAX_EXPRESSION = 2048;

    private CustomMetricRules() {
    }

    static void check(List<CustomMetricConfig> metrics, List<ConfigProblem> out) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            CustomMetricConfig c = metrics.get(i);
            String field = "analysis.customMetrics[" + i + "]";
            name(field + ".name", c.name(), names, out);
            source(field, c, out);
            levels(field, c, out);
        }
    }

    private static void name(String field, String name, Set<String> names, List<ConfigProblem> out) {
        if (isBlank(name)) {
            out.add(new ConfigProblem(field, "missing: name the metric as records and charts should show it, e.g. "
                    + "checkoutErrors"));
        } else if (!NAME.matcher(name).matches()) {
            out.add(new ConfigProblem(field, quote(name) + " is not a valid name: start with a lowercase letter, "
                    + "then up to 62 letters, digits or '_'"));
        } else if (AnalysisConfig.METRICS.contains(name)) {
            out.add(new ConfigProblem(field, quote(name) + " is a built-in metric: pick another name"));
        } else if (!names.add(name)) {
            out.add(new ConfigProblem(field, quote(name) + " is used by another custom metric: names are unique"));
        }
    }

    private static void source(String field, CustomMetricConfig c, List<ConfigProblem> out) {
        boolean expression = c.expression() != null;
        if (c.metric() != null && expression) {
            out.add(new ConfigProblem(field, "has both metric and expression: use metric for one CloudWatch "
                    + "metric, or expression with its metrics"));
        } else if (c.metric() == null && !expression) {
            out.add(new ConfigProblem(field, "nothing to read: set metric (one CloudWatch metric) or expression "
                    + "(metric math over metrics)"));
        }
        if (c.metric() != null) {
            MetricStatRules.check(field + ".metric", c.metric(), out);
        }
        if (!expression) {
            if (!c.metrics().isEmpty()) {
                out.add(new ConfigProblem(field + ".metrics", "metrics are the inputs of an expression: set "
                        + "expression, or use metric for a single metric"));
            }
            return;
        }
        if (isBlank(c.expression()) || c.expression().length() > MAX_EXPRESSION) {
            out.add(new ConfigProblem(field + ".expression", "an expression is 1 to " + MAX_EXPRESSION
                    + " characters, e.g. 100 * errors / requests"));
            return;
        }
        if (c.metrics().isEmpty()) {
            out.add(new ConfigProblem(field + ".metrics", "missing: name the metrics the expression uses, e.g. "
                    + "errors and requests"));
        }
        Set<String> used = MetricExpressions.references(c.expression());
        for (String id : used) {
            if (!c.metrics().containsKey(id) && !c.metrics().isEmpty()) {
                out.add(new ConfigProblem(field + ".expression", "uses '" + id + "', which is not one of its metrics ("
                        + String.join(", ", c.metrics().keySet()) + ")"));
            }
        }
        for (Map.Entry<String, MetricStatConfig> input : c.metrics().entrySet()) {
            String at = ConfigPaths.child(field + ".metrics", input.getKey());
            if (!NAME.matcher(input.getKey()).matches()) {
                out.add(new ConfigProblem(at, quote(input.getKey()) + " is not a valid id: start with a lowercase "
                        + "letter, then letters, digits or '_', as the expression writes it"));
            } else if (!used.contains(input.getKey())) {
                out.add(new ConfigProblem(at, "not used by the expression: use it there or remove it"));
            }
            MetricStatRules.check(at, input.getValue(), out);
        }
    }

    private static void levels(String field, CustomMetricConfig c, List<ConfigProblem> out) {
        if (!c.checksValue() && !c.checksRelative()) {
            out.add(new ConfigProblem(field, "no threshold: set fail, warn, relativeFailPercent or "
                    + "relativeWarnPercent"));
        }
        Direction d = c.direction();
        if (d == null) {
            out.add(new ConfigProblem(field + ".direction", "missing: say which side of the threshold is bad, "
                    + "direction: above (fails when higher) or below (fails when lower)"));
        }
        boolean fail = finite(field + ".fail", c.fail(), out);
        boolean warn = finite(field + ".warn", c.warn(), out);
        if (d != null && fail && warn && !d.beyond(c.fail(), c.warn())) {
            out.add(new ConfigProblem(field + ".warn", show(c.warn()) + " is not " + (d == Direction.ABOVE
                    ? "below" : "above") + " fail (" + show(c.fail()) + "): with direction " + d.name()
                    .toLowerCase(java.util.Locale.ROOT) + ", a warning must come before the failure"));
        }
        boolean relativeFail = percent(field + ".relativeFailPercent", c.relativeFailPercent(), d, out);
        boolean relativeWarn = percent(field + ".relativeWarnPercent", c.relativeWarnPercent(), d, out);
        if (relativeFail && relativeWarn && c.relativeWarnPercent() >= c.relativeFailPercent()) {
            out.add(new ConfigProblem(field + ".relativeWarnPercent", show(c.relativeWarnPercent()) + " is not "
                    + "below relativeFailPercent (" + show(c.relativeFailPercent()) + "): a warning must come "
                    + "before the failure"));
        }
    }

    /** @return whether the value is set and a finite number */
    private static boolean finite(String field, Double value, List<ConfigProblem> out) {
        if (value != null && !Double.isFinite(value)) {
            out.add(new ConfigProblem(field, show(value) + " is not a number: use a finite number"));
            return false;
        }
        return value != null;
    }

    /** A relative margin: 0 or more, and below 100 when lower is worse, as a value cannot fall by more than all. */
    private static boolean percent(String field, Double value, Direction d, List<ConfigProblem> out) {
        if (value == null) {
            return false;
        }
        boolean ok = Double.isFinite(value) && value >= 0 && (d != Direction.BELOW || value < 100);
        if (!ok) {
            out.add(new ConfigProblem(field, show(value) + " is out of range: use 0 or more"
                    + (d == Direction.BELOW ? " and below 100" : "") + " percent"));
        }
        return ok;
    }
}
