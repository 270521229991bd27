package io.jenkins.plugins.ecsdeploy.core.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, or ISO-8601 ({@code PT5M}).
 * A bare number is refused, because "5" could mean seconds or minutes.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration: write it like 90s, 5m or 1h30m");
        }
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return requireNotNegative(Duration.parse(t), text);
            } catch (java.time.format.DateTimeParseException e) {
                throw bad(text);
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw bad(text);
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw bad(text);
        }
        return total;
    }

    /** The shortest human form: {@code 5m}, {@code 1h30m}, {@code 90s} becomes {@code 1m30s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0) {
            sb.append(s).append('s');
        }
        if (ms > 0) {
            sb.append(ms).append("ms");
        }
        return sb.toString();
    }

    private static Duration requireNotNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw bad(text);
        }
        return d;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("cannot read duration '" + text
                + "': write it like 90s, 5m, 1h30m or 250ms");
    }
}
