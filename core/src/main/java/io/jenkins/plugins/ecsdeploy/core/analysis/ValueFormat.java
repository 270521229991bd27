package io.jenkins.plugins.ecsdeploy.core.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How a metric's values read in notes: latency in whole milliseconds, rates in percent, counts and the rest plain. */
enum ValueFormat {
    MILLIS("ms"),
    PERCENT("%"),
    NUMBER(null);

    /** The unit recorded with the verdict, for charts. */
    final String unit;

    ValueFormat(String unit) {
        this.unit = unit;
    }

    String show(double v) {
        return switch (this) {
            case MILLIS -> String.format(Locale.ROOT, "%.0f ms", v);
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", v);
            case NUMBER -> plain(v);
        };
    }

    /** A number without noise: whole numbers as such, others to four significant digits. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
