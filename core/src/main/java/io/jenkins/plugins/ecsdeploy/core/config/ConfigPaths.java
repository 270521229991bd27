package io.jenkins.plugins.ecsdeploy.core.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** Field paths as problems show them: {@code health.bakeTime}, {@code smokeChecks[0].url}. */
final class ConfigPaths {

    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_-]+");

    private ConfigPaths() {
    }

    /** The path of the value a parser context is at; {@link ConfigLoader#DOCUMENT} at the top. */
    static String pathTo(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst("." + segment(c.getCurrentName()));
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return join(parts);
    }

    static String pathOf(List<JsonMappingException.Reference> references) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                parts.addLast("." + segment(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                parts.addLast("[" + r.getIndex() + "]");
            }
        }
        return join(parts);
    }

    static String child(String parent, String field) {
        return parent.equals(ConfigLoader.DOCUMENT) ? segment(field) : parent + "." + segment(field);
    }

    /** A field name as written in a path; quoted when it is empty or would read as more than one step. */
    private static String segment(String name) {
        return SIMPLE.matcher(name).matches() ? name : "'" + name + "'";
    }

    private static String join(Deque<String> parts) {
        if (parts.isEmpty()) {
            return ConfigLoader.DOCUMENT;
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
