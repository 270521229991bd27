package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Notes every unknown field and lets reading go on, so that one run reports all typos rather than the first.
 * One instance per document read.
 */
final class UnknownFieldCollector extends DeserializationProblemHandler {

    private final List<ConfigProblem> problems = new ArrayList<>();

    List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        List<String> valid = type.isRecord() ? fieldsOf(type) : known(deserializer.getKnownPropertyNames());
        String parent = ConfigPaths.pathTo(owner(p.getParsingContext(), propertyName).getParent());
        String at = parent.equals(ConfigLoader.DOCUMENT) ? "the top level" : parent;
        String message = "unknown field '" + propertyName + "' at " + at + ": valid fields are "
                + String.join(", ", valid) + suggestion(propertyName, valid).map(s -> "; did you mean '" + s + "'?")
                        .orElse("")
                + JacksonProblems.where(p.currentLocation());
        problems.add(new ConfigProblem(ConfigPaths.child(parent, propertyName), message));
        p.skipChildren();
        return true;
    }

    /**
     * The context of the mapping that holds the unknown field. Depending on the value's type, the parser is in
     * that mapping or already inside the value.
     */
    private static JsonStreamContext owner(JsonStreamContext context, String propertyName) {
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && propertyName.equals(c.getCurrentName())) {
                return c;
            }
        }
        return context;
    }

    static List<String> fieldsOf(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(c -> c.getName()).toList();
    }

    private static List<String> known(Collection<Object> names) {
        return names == null ? List.of() : names.stream().map(String::valueOf).collect(Collectors.toList());
    }

    /** The valid field closest to a typo, if it is close enough to be what was meant. */
    private static Optional<String> suggestion(String typo, List<String> valid) {
        return valid.stream()
                .filter(v -> distance(typo.toLowerCase(), v.toLowerCase()) <= Math.max(1, v.length() / 3))
                .min(Comparator.comparingInt(v -> distance(typo.toLowerCase(), v.toLowerCase())));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
