package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The bits of the AWS wire protocols the fake speaks: Query form bodies and XML replies, and JSON 1.1 (the RPC v2
 * CBOR protocol is in {@link CborWire}).
 */
final class WireFormat {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ELB_NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    static final String CLOUDWATCH_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    static final String XML_CONTENT_TYPE = "text/xml";
    static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

    private WireFormat() {}

    /** Decodes an {@code application/x-www-form-urlencoded} body, keeping the order of the parameters. */
    static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(decode(key), decode(value));
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The values of a Query list of strings: {@code Names.member.1}, {@code Names.member.2}, ... */
    static List<String> list(Map<String, String> params, String name) {
        List<String> values = new ArrayList<>();
        for (String prefix : members(params, name)) {
            values.add(params.get(prefix));
        }
        return values;
    }

    /** The prefixes of a Query list's members ({@code Actions.member.1}, ...), for lists of structures. */
    static List<String> members(Map<String, String> params, String name) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i;
            String dotted = prefix + ".";
            boolean present = params.keySet().stream().anyMatch(k -> k.equals(prefix) || k.startsWith(dotted));
            if (!present) {
                return prefixes;
            }
            prefixes.add(prefix);
        }
    }

    /** Builds an XML document; values are escaped, element names are trusted. */
    static final class Xml {
        private final StringBuilder out = new StringBuilder();

        Xml open(String name) {
            out.append('<').append(name).append('>');
            return this;
        }

        Xml close(String name) {
            out.append("</").append(name).append('>');
            return this;
        }

        /** Writes {@code <name>value</name>}, or nothing when the value is null. */
        Xml leaf(String name, Object value) {
            if (value != null) {
                open(name).text(String.valueOf(value)).close(name);
            }
            return this;
        }

        Xml element(String name, Consumer<Xml> content) {
            open(name);
            content.accept(this);
            return close(name);
        }

        /** Writes a Query-protocol list: {@code <name><member>..</member>...</name>}. */
        <T> Xml list(String name, Iterable<T> items, BiConsumer<Xml, T> member) {
            open(name);
            for (T item : items) {
                open("member");
                member.accept(this, item);
                close("member");
            }
            return close(name);
        }

        /**
         * Writes the fields of a reply tree as Query XML: lists as {@code <member>}s, {@link java.time.Instant}s
         * (held in POJO nodes) in ISO-8601, nulls left out. The same tree is what {@link CborWire} encodes.
         */
        Xml fields(JsonNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                value(field.getKey(), field.getValue());
            }
            return this;
        }

        private void value(String name, JsonNode node) {
            if (node.isNull()) {
                return;
            }
            open(name);
            if (node.isObject()) {
                fields(node);
            } else if (node.isArray()) {
                for (JsonNode element : node) {
                    value("member", element);
                }
            } else {
                text(node instanceof POJONode pojo ? String.valueOf(pojo.getPojo()) : node.asText());
            }
            close(name);
        }

        Xml strings(String name, Iterable<String> values) {
            return list(name, values, (xml, value) -> xml.text(value));
        }

        Xml text(String value) {
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    default -> out.append(c);
                }
            }
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /** A Query-protocol success reply wrapping {@code result} in {@code <ActionResponse><ActionResult>}. */
    static String queryResponse(String namespace, String action, String result, String requestId) {
        return "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></" + action
                + "Response>";
    }

    /** A Query-protocol error reply, as ELBv2 and CloudWatch send them. */
    static String queryError(String namespace, AwsError error, String requestId) {
        Xml xml = new Xml().open("Error")
                .leaf("Type", error.status() >= 500 ? "Receiver" : "Sender")
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .close("Error")
                .leaf("RequestId", requestId);
        return "<ErrorResponse xmlns=\"" + namespace + "\">" + xml + "</ErrorResponse>";
    }

    /** A JSON 1.1 error reply, as ECS sends them. */
    static String jsonError(AwsError error) {
        return JSON.createObjectNode().put("__type", error.code()).put("message", error.getMessage()).toString();
    }
}
