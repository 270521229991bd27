package io.jenkins.plugins.ecsdeploy.core.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a saved state in today's format, before it is read, against the classes that hold it: every field of the
 * state's own classes (those that write every field, {@code @JsonInclude(ALWAYS)}) must be there, null or not, and
 * no other may be. A field a release renamed or dropped is then an error that names it, never silently lost.
 * Values of other classes (the record, splits, lock holders) check themselves when read. A field marked
 * {@code @JsonInclude(NON_NULL)} is optional: absent means null.
 */
final class StateShape {

    private StateShape() {
    }

    /** @throws SavedStateException naming the first missing or unknown field */
    static void require(JsonNode state) {
        require(state, DeploymentState.class, "");
    }

    private static void require(JsonNode node, Class<?> type, String path) {
        if (!node.isObject()) {
            throw new SavedStateException((path.isEmpty() ? "the state" : path) + " is not an object.");
        }
        List<Field> fields = persisted(type);
        String typeId = typeIdProperty(type);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(typeId) && fields.stream().noneMatch(f -> f.getName().equals(name))) {
                throw new SavedStateException("unknown field '" + path + name + "'.");
            }
        }
        for (Field field : fields) {
            JsonNode value = node.get(field.getName());
            if (value == null && isOptional(field)) {
                continue;
            }
            if (value == null) {
                throw new SavedStateException("the field '" + path + field.getName() + "' is missing.");
            }
            Class<?> shape = value.isNull() ? null : shapeOf(field.getType(), value, path + field.getName());
            if (shape != null) {
                require(value, shape, path + field.getName() + ".");
            }
        }
    }

    /** The class whose shape {@code value} must have, or null when it is not one of the state's own classes. */
    private static Class<?> shapeOf(Class<?> declared, JsonNode value, String path) {
        JsonTypeInfo typeInfo = declared.getAnnotation(JsonTypeInfo.class);
        if (typeInfo != null) {
            JsonNode id = value.get(typeInfo.property());
            for (JsonSubTypes.Type subtype : declared.getAnnotation(JsonSubTypes.class).value()) {
                if (id != null && subtype.name().equals(id.asText())) {
                    return subtype.value();
                }
            }
            throw new SavedStateException("'" + path + "." + typeInfo.property() + "' is "
                    + (id == null ? "missing" : "'" + id.asText() + "', which is not one this release knows") + ".");
        }
        JsonInclude include = declared.getAnnotation(JsonInclude.class);
        return include != null && include.value() == JsonInclude.Include.ALWAYS ? declared : null;
    }

    /** The property that names the subtype, for a class whose interface is written with one. */
    private static String typeIdProperty(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) {
            JsonTypeInfo typeInfo = i.getAnnotation(JsonTypeInfo.class);
            if (typeInfo != null) {
                return typeInfo.property();
            }
        }
        return null;
    }

    /**
     * A field written only when set ({@code @JsonInclude(NON_NULL)} on the field) may be missing: a state saved
     * before the field was added has it null, so adding such a field needs no new format.
     */
    private static boolean isOptional(Field field) {
        JsonInclude include = field.getAnnotation(JsonInclude.class);
        return include != null && include.value() == JsonInclude.Include.NON_NULL;
    }

    private static List<Field> persisted(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                fields.add(f);
            }
        }
        return fields;
    }
}
