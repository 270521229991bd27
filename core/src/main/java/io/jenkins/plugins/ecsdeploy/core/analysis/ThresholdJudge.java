package io.jenkins.plugins.ecsdeploy.core.analysis;

import io.jenkins.plugins.ecsdeploy.core.config.Direction;

/**
 * Judges a value against its fail and warn levels, on its own or relative to the stable slot's value, and words the
 * verdict the way the interval summary shows it: {@code p99 1620 ms > 1500 ms}, {@code p99 1300 ms > warn 1200 ms
 * (fails above 1500 ms)}, {@code relativeP99 canary 480 ms > stable 200 ms + 50% = 300 ms}. Values exactly at a
 * level pass.
 */
final class ThresholdJudge {

    /** How a relative margin applies to the stable value: a share of it, or percentage points added. */
    enum Margin {
        PERCENT,
        POINTS
    }

    private ThresholdJudge() {
    }

    /** The value against the levels themselves; {@code suffix} adds context such as the request counts. */
    static MetricVerdict absolute(Levels l, double value, Double stable, String suffix) {
        boolean failed = l.fail() != null && l.direction().beyond(value, l.fail());
        boolean warned = !failed && l.warn() != null && l.direction().beyond(value, l.warn());
        String head = l.metric() + " " + l.show(value);
        String note;
        if (failed) {
            note = head + l.beyond() + l.show(l.fail()) + suffix;
        } else if (warned) {
            note = head + l.beyond() + "warn " + l.show(l.warn()) + suffix + failsAt(l, l.fail());
        } else {
            note = head + l.within() + (l.fail() == null ? "warn " + l.show(l.warn())
                    : l.show(l.fail()) + (l.warn() == null ? "" : ", warn " + l.show(l.warn()))) + suffix;
        }
        return new MetricVerdict(l.metric(), value, stable, l.fail(), failed ? Verdict.FAIL : Verdict.PASS, note,
                l.warn(), warned, false, l.unit());
    }

    /** The canary against the stable slot's value moved by the levels' margins. */
    static MetricVerdict relative(Levels l, Margin margin, double canary, double stable) {
        Double failLimit = limit(l.direction(), margin, stable, l.fail());
        Double warnLimit = limit(l.direction(), margin, stable, l.warn());
        boolean failed = failLimit != null && l.direction().beyond(canary, failLimit);
        boolean warned = !failed && warnLimit != null && l.direction().beyond(canary, warnLimit);
        String head = l.metric() + " canary " + l.show(canary);
        String note;
        if (failed) {
            note = head + l.beyond() + level(l, margin, stable, l.fail(), failLimit);
        } else if (warned) {
            note = head + l.beyond() + "warn " + level(l, margin, stable, l.warn(), warnLimit)
                    + failsAt(l, failLimit);
        } else {
            note = head + l.within() + (failLimit == null ? "warn " + level(l, margin, stable, l.warn(), warnLimit)
                    : level(l, margin, stable, l.fail(), failLimit)
                            + (warnLimit == null ? "" : ", warn " + l.show(warnLimit)));
        }
        return new MetricVerdict(l.metric(), canary, stable, failLimit, failed ? Verdict.FAIL : Verdict.PASS, note,
                warnLimit, warned, false, l.unit());
    }

    private static Double limit(Direction d, Margin margin, double stable, Double m) {
        if (m == null) {
            return null;
        }
        double signed = d == Direction.ABOVE ? m : -m;
        return margin == Margin.PERCENT ? stable * (1 + signed / 100) : stable + signed;
    }

    private static String level(Levels l, Margin margin, double stable, double m, double limit) {
        String sign = l.direction() == Direction.ABOVE ? " + " : " − ";
        return "stable " + l.show(stable) + sign + ValueFormat.plain(m)
                + (margin == Margin.PERCENT ? "% = " + l.show(limit) : " points");
    }

    private static String failsAt(Levels l, Double fail) {
        return fail == null ? "" : " (fails " + (l.direction() == Direction.ABOVE ? "above " : "below ")
                + l.show(fail) + ")";
    }
}
