package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.analysis.IntervalResult;
import io.jenkins.plugins.ecsdeploy.core.analysis.MetricVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An analysis interval as text, one line per metric judged: its verdict (WARN for a pass with a warning, DRY-RUN
 * for a metric that did not count), the note with its value and levels, and the stable slot's value.
 */
final class MetricLines {

    private MetricLines() {
    }

    static List<String> of(IntervalResult interval) {
        List<String> lines = new ArrayList<>();
        for (MetricVerdict m : interval.metrics()) {
            String tag = m.dryRun() ? "DRY-RUN" : m.warned() ? "WARN" : m.verdict().name();
            String stable = m.stable() == null || m.note().contains("stable ") ? ""
                    : "; stable " + value(m.stable(), m.unit());
            lines.add(String.format(Locale.ROOT, "%-12s %s%s", tag, m.note(), stable));
        }
        return lines;
    }

    private static String value(double v, String unit) {
        if ("ms".equals(unit)) {
            return String.format(Locale.ROOT, "%.0f ms", v);
        }
        if ("%".equals(unit)) {
            return String.format(Locale.ROOT, "%.1f%%", v);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v);
    }
}
