package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in a custom metric's dimension values, filled in per slot: {@code {slot}} (blue, green),
 * {@code {service}} (the slot's ECS service name), {@code {cluster}} (the cluster name), {@code {targetGroup}}
 * (the slot's target group as ALB metrics name it, {@code targetgroup/NAME/ID}) and {@code {loadBalancer}}
 * ({@code app/NAME/ID}).
 */
public final class MetricPlaceholders {

    public static final List<String> NAMES = List.of("slot", "service", "cluster", "targetGroup", "loadBalancer");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private MetricPlaceholders() {
    }

    /** The names between braces in a value, known or not, in order. */
    static List<String> used(String value) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Whether braces are left that do not form a placeholder, such as {@code {slot} or {slot}}. */
    static boolean hasStrayBrace(String value) {
        String rest = PLACEHOLDER.matcher(value).replaceAll("");
        return rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0;
    }

    /**
     * The value with every placeholder replaced.
     *
     * @param values a value for each of {@link #NAMES}
     * @throws IllegalArgumentException for a placeholder without a value (the validator refuses those first)
     */
    public static String fill(String value, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String filled = values.get(m.group(1));
            if (filled == null) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in '" + value + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(filled));
        }
        return m.appendTail(out).toString();
    }
}
