package io.jenkins.plugins.ecsdeploy.core.config;

import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.isBlank;
import static io.jenkins.plugins.ecsdeploy.core.config.ValueRules.quote;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Rules for one CloudWatch metric and statistic as a custom metric names it, with CloudWatch's own limits. */
final class MetricStatRules {

    /** Every statistic GetMetricData accepts; names are case-sensitive there, so here too. */
    private static final Pattern STATISTIC = Pattern.compile("SampleCount|Average|Sum|Minimum|Maximum|IQM"
            + "|(p|tm|wm|tc|ts)(100|\\d{1,2}(\\.\\d+)?)"
            + "|(TM|WM|TC|TS|PR)\\(\\d*(\\.\\d+)?%?:\\d*(\\.\\d+)?%?\\)");
    static final String STATISTICS = "Sum, Average, Minimum, Maximum, SampleCount, a percentile such as p99 or "
            + "p99.9, or tm99, wm99, tc99, ts99, IQM";
    /** CloudWatch's StandardUnit values. */
    static final List<String> UNITS = List.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");
    static final int MAX_DIMENSIONS = 30;
    private static final int MAX_NAME = 255;
    private static final int MAX_DIMENSION_VALUE = 1024;

    private MetricStatRules() {
    }

    static void check(String field, MetricStatConfig m, List<ConfigProblem> out) {
        text(field + ".namespace", m.namespace(), "the metric's namespace, e.g. Shop or AWS/SQS", out);
        text(field + ".metricName", m.metricName(), "the metric's name, e.g. CheckoutErrors", out);
        String stat = m.statistic();
        if (isBlank(stat)) {
            out.add(new ConfigProblem(field + ".statistic", "missing: use " + STATISTICS));
        } else if (!STATISTIC.matcher(stat).matches()) {
            String cased = caseOf(stat);
            out.add(new ConfigProblem(field + ".statistic", quote(stat) + " is not a CloudWatch statistic"
                    + (cased == null ? "" : " (names are case-sensitive: did you mean '" + cased + "'?)")
                    + ": use " + STATISTICS));
        }
        if (m.unit() != null && !UNITS.contains(m.unit())) {
            out.add(new ConfigProblem(field + ".unit", quote(m.unit()) + " is not a CloudWatch unit: use one of "
                    + String.join(", ", UNITS) + ", or leave it out to read the metric in any unit"));
        }
        dimensions(field + ".dimensions", m.dimensions(), out);
    }

    private static void dimensions(String field, Map<String, String> dimensions, List<ConfigProblem> out) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            out.add(new ConfigProblem(field, dimensions.size() + " dimensions: CloudWatch metrics have at most "
                    + MAX_DIMENSIONS));
        }
        for (Map.Entry<String, String> d : dimensions.entrySet()) {
            String at = ConfigPaths.child(field, d.getKey());
            if (isBlank(d.getKey()) || d.getKey().length() > MAX_NAME) {
                out.add(new ConfigProblem(at, "a dimension name is 1 to " + MAX_NAME + " characters"));
            }
            String value = d.getValue();
            if (isBlank(value) || value.length() > MAX_DIMENSION_VALUE) {
                out.add(new ConfigProblem(at, "a dimension value is 1 to " + MAX_DIMENSION_VALUE + " characters"));
                continue;
            }
            for (String name : MetricPlaceholders.used(value)) {
                if (!MetricPlaceholders.NAMES.contains(name)) {
                    out.add(new ConfigProblem(at, "unknown placeholder '{" + name + "}' in " + quote(value)
                            + ": use " + placeholders()));
                }
            }
            if (MetricPlaceholders.hasStrayBrace(value)) {
                out.add(new ConfigProblem(at, quote(value) + " has a brace that is not part of a placeholder: "
                        + "write placeholders like {slot}; use " + placeholders()));
            }
        }
    }

    private static String placeholders() {
        return String.join(", ", MetricPlaceholders.NAMES.stream().map(n -> "{" + n + "}").toList());
    }

    /** The valid statistic that differs from the text only in case, if there is one. */
    private static String caseOf(String stat) {
        for (String s : List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum", "IQM")) {
            if (s.equalsIgnoreCase(stat)) {
                return s;
            }
        }
        String lower = stat.toLowerCase(Locale.ROOT);
        return STATISTIC.matcher(lower).matches() ? lower : null;
    }

    private static void text(String field, String value, String what, List<ConfigProblem> out) {
        if (isBlank(value)) {
            out.add(new ConfigProblem(field, "missing: give " + what));
        } else if (value.length() > MAX_NAME) {
            out.add(new ConfigProblem(field, "longer than " + MAX_NAME + " characters"));
        }
    }
}
