package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pass over the YAML tokens before data binding, for what binding reports badly or not at all: syntax errors,
 * a document that is not one mapping, aliases (which Jackson would read as the anchor's name), and unknown
 * fields. Unknown fields are checked against the config records, so that every typo in the document is reported
 * at once, with its line.
 */
final class YamlShapeCheck {

    /** The container being read; {@code type} is null inside a value of the wrong shape, left to binding. */
    private record Frame(Type type) {
    }

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private boolean malformed;

    private YamlShapeCheck() {
    }

    /** @return the check, holding the problems it found */
    static YamlShapeCheck run(ObjectMapper mapper, String yaml) {
        YamlShapeCheck check = new YamlShapeCheck();
        try (JsonParser p = mapper.createParser(yaml)) {
            check.read(p);
        } catch (JsonProcessingException e) {
            check.malformed = true;
            check.problems.add(JacksonProblems.describe(e));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string failed", e);
        }
        return check;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** True when the document cannot be bound at all; false when it is well-formed, perhaps with unknown fields. */
    boolean malformed() {
        return malformed;
    }


    private void read(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            malformed = true;
            add(ConfigLoader.DOCUMENT, "the document is empty; see examples/environment.yaml");
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            malformed = true;
            add(ConfigLoader.DOCUMENT, "expected a mapping of fields ("
                    + String.join(", ", RecordFields.of(EnvironmentConfig.class)) + ")");
            return;
        }
        stack.push(new Frame(EnvironmentConfig.class));
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (stack.isEmpty()) {
                malformed = true;
                add(ConfigLoader.DOCUMENT, "more than one YAML document: put the whole configuration in one"
                        + JacksonProblems.where(p.currentLocation()));
                return;
            }
            if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                malformed = true;
                add(ConfigPaths.pathTo(p.getParsingContext()), "YAML aliases (*" + p.getText()
                        + ") are not supported: write the value out" + JacksonProblems.where(p.currentLocation()));
            }
            if (t == JsonToken.FIELD_NAME) {
                fieldName(p);
            } else if (t.isStructStart()) {
                stack.push(new Frame(valueType(p, t)));
            } else if (t.isStructEnd()) {
                stack.pop();
            }
        }
    }

    private void fieldName(JsonParser p) throws IOException {
        if (!(stack.peek().type() instanceof Class<?> owner) || !owner.isRecord()) {
            return;
        }
        String name = p.currentName();
        List<String> valid = RecordFields.of(owner);
        if (valid.contains(name)) {
            return;
        }
        String parent = ConfigPaths.pathTo(p.getParsingContext().getParent());
        String at = parent.equals(ConfigLoader.DOCUMENT) ? "the top level" : parent;
        add(ConfigPaths.child(parent, name), "unknown field '" + name + "' at " + at + ": valid fields are "
                + String.join(", ", valid)
                + suggestion(name, valid).map(s -> "; did you mean '" + s + "'?").orElse("")
                + JacksonProblems.where(p.currentLocation()));
        p.nextToken();
        p.skipChildren();
    }

    /** The declared type of the value that starts here, or null when it cannot hold a structure. */
    private Type valueType(JsonParser p, JsonToken start) {
        Type container = stack.peek().type();
        Type declared = null;
        if (container instanceof Class<?> owner && owner.isRecord()) {
            String name = p.getParsingContext().getParent().getCurrentName();
            declared = Arrays.stream(owner.getRecordComponents()).filter(c -> c.getName().equals(name))
                    .map(RecordComponent::getGenericType).findFirst().orElse(null);
        } else if (container instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            declared = arguments[arguments.length - 1];
        }
        return fits(declared, start) ? declared : null;
    }

    private static boolean fits(Type declared, JsonToken start) {
        Type raw = declared instanceof ParameterizedType parameterized ? parameterized.getRawType() : declared;
        if (!(raw instanceof Class<?> c)) {
            return false;
        }
        return start == JsonToken.START_ARRAY ? Collection.class.isAssignableFrom(c)
                : c.isRecord() || Map.class.isAssignableFrom(c);
    }

    private void add(String field, String message) {
        problems.add(new ConfigProblem(field, message));
    }

    /** The valid field closest to a typo, if it is close enough to be what was meant. */
    private static Optional<String> suggestion(String typo, List<String> valid) {
        if (typo.length() > 64) {
            return Optional.empty();
        }
        String t = typo.toLowerCase(Locale.ROOT);
        return valid.stream()
                .filter(v -> distance(t, v.toLowerCase(Locale.ROOT)) <= Math.max(1, v.length() / 3))
                .min(Comparator.comparingInt(v -> distance(t, v.toLowerCase(Locale.ROOT))));
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn one text into the other. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
