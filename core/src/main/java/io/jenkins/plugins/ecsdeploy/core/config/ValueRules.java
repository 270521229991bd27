package io.jenkins.plugins.ecsdeploy.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Small checks and renderings shared by the validation rules. */
final class ValueRules {

    private ValueRules() {
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** An absolute http or https URL with a host, as a smoke check or endpoint needs. */
    static boolean isHttpUrl(String text) {
        if (isBlank(text)) {
            return false;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /**
     * Whether a URL carries credentials ({@code https://user:secret@host/}). Such a URL would put the secret in
     * every log line and record that names it, so it is refused, and never quoted in the problem.
     */
    static boolean hasCredentials(String text) {
        try {
            return text != null && new URI(text).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            return text.contains("@");
        }
    }

    static String show(Duration d) {
        return d.isNegative() ? d.toString() : DurationText.format(d);
    }

    static String show(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number)
                : Double.toString(number);
    }

    /** A message for text values, quoting them and cutting very long ones. */
    static String quote(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'";
    }
}
