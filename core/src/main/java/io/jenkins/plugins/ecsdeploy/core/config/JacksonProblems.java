package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Jackson's reading errors into problems a person editing the YAML can act on. */
final class JacksonProblems {

    private JacksonProblems() {
    }

    static ConfigProblem describe(JsonProcessingException e) {
        String where = where(e.getLocation());
        if (e instanceof StreamConstraintsException) {
            return new ConfigProblem(pathAtError(e), "the document is too large or too deeply nested ("
                    + e.getOriginalMessage() + ")" + where);
        }
        if (!(e instanceof JsonMappingException mapping)) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml
                    && yaml.getProblemMark() != null) {
                where = " (line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                        + (yaml.getProblemMark().getColumn() + 1) + ")";
            }
            return new ConfigProblem(pathAtError(e), "malformed YAML" + where + ": " + syntaxProblem(e));
        }
        String field = ConfigPaths.pathOf(mapping.getPath());
        if (mapping.getCause() instanceof InputCoercionException c) {
            return new ConfigProblem(field, "the number is too large for " + kind(c.getTargetType()) + where);
        }
        return new ConfigProblem(field, mappingProblem(mapping) + where);
    }

    /** " (line 3, column 7)", or nothing when the position is unknown. */
    static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String mappingProblem(JsonMappingException e) {
        if (e instanceof InvalidNullException) {
            return "empty entry: give it a value or remove it";
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "cannot use this value: " + cause.getMessage();
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target == Duration.class && f.getValue() != null) {
                return f.getOriginalMessage();
            }
            if (target != null && target.isEnum()) {
                return "cannot read '" + f.getValue() + "': use one of " + kind(target).substring("one of ".length());
            }
            if (f.getValue() != null && target != Duration.class) {
                return "cannot read '" + f.getValue() + "' as " + kind(target);
            }
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + kind(m.getTargetType()) + found(e);
        }
        return e.getOriginalMessage();
    }

    private static String syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return yaml.getProblem() + context;
        }
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private static String pathAtError(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
            return ConfigPaths.pathTo(p.getParsingContext());
        }
        return ConfigLoader.DOCUMENT;
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Duration.class) {
            return "a duration like 90s, 5m or 1h30m";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping with the fields " + String.join(", ", RecordFields.of(type));
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return type.getSimpleName();
    }

    private static String found(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return "";
        }
        JsonToken token = p.currentToken();
        try {
            return switch (token) {
                case START_ARRAY -> ", got a list";
                case START_OBJECT -> ", got a mapping";
                case VALUE_STRING -> ", got '" + p.getText() + "'";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ", got " + p.getText();
                case VALUE_TRUE, VALUE_FALSE -> ", got " + p.getText();
                default -> "";
            };
        } catch (IOException ignored) {
            return "";
        }
    }
}
