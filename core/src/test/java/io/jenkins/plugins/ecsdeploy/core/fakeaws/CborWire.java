package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Smithy RPC v2 CBOR protocol, which CloudWatch speaks to AWS SDK for Java clients from 2.40.7 on (the Jenkins
 * plugin runs with such a client): {@code POST /service/GraniteServiceVersion20100801/operation/OP} with header
 * {@code smithy-protocol: rpc-v2-cbor} and a CBOR map of the operation's input, member names as in the Query
 * protocol. Timestamps are tag 1 with epoch seconds (a double with millisecond precision); replies carry the same
 * header, errors a {@code __type} and {@code message} plus the Query error code in {@code x-amzn-query-error},
 * since CloudWatch is {@code awsQueryCompatible}.
 *
 * <p>Requests are decoded to the Query protocol's flat parameters ({@code MetricDataQueries.member.1.Id}, times
 * as ISO-8601), so that one handler and one set of test assertions serve both protocols.
 */
final class CborWire {

    static final String PROTOCOL_HEADER = "smithy-protocol";
    static final String PROTOCOL = "rpc-v2-cbor";
    static final String CONTENT_TYPE = "application/cbor";
    static final String QUERY_ERROR_HEADER = "x-amzn-query-error";
    static final String CLOUDWATCH_SERVICE = "GraniteServiceVersion20100801";
    /** The Smithy namespace of CloudWatch's shapes, for error {@code __type}s. */
    private static final String CLOUDWATCH_NAMESPACE = "com.amazonaws.cloudwatch#";
    /** RFC 8949 tag 1: epoch-based date/time. */
    private static final int EPOCH_TAG = 1;
    /** Only the last four segments route, so a client may put a prefix in front. */
    private static final Pattern PATH = Pattern.compile("(?:.*)?/service/([^/]+)/operation/([^/?]+)(?:\\?.*)?");
    private static final CBORFactory FACTORY = new CBORFactory();

    private CborWire() {}

    /** The service and operation a request path names, or null when it is not an RPC v2 path. */
    static String[] serviceAndOperation(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** Decodes a request body: a map, or nothing for an empty input. Timestamps become ISO-8601 text. */
    static ObjectNode decode(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try (CBORParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw AwsError.client("SerializationException", "The request body is not a CBOR map.");
            }
            ObjectNode input = (ObjectNode) read(p, first);
            if (p.nextToken() != null) {
                throw AwsError.client("SerializationException", "The request body has data after its map.");
            }
            return input;
        } catch (IOException e) {
            throw AwsError.client("SerializationException", "The request body is not CBOR: " + e.getMessage());
        }
    }

    private static JsonNode read(CBORParser p, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int tag = p.getCurrentTag();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    object.set(name, read(p, p.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(read(p, t));
                }
                return array;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                if (tag == EPOCH_TAG) {
                    return nodes.textNode(Instant.ofEpochMilli(Math.round(p.getDoubleValue() * 1000)).toString());
                }
                return token == JsonToken.VALUE_NUMBER_INT ? nodes.numberNode(p.getLongValue())
                        : nodes.numberNode(p.getDoubleValue());
            }
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return nodes.binaryNode(p.getBinaryValue());
            }
            default -> {
                return nodes.nullNode();
            }
        }
    }

    /** A decoded input as Query parameters: lists as {@code Name.member.N}, structures as {@code Name.Member}. */
    static Map<String, String> flatten(JsonNode input) {
        Map<String, String> params = new LinkedHashMap<>();
        flatten("", input, params);
        return params;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + ".member." + (i + 1), node.get(i), out);
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /** Encodes a reply; {@link Instant}s held in POJO nodes are written as tag 1 epoch seconds. */
    static byte[] encode(JsonNode reply) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            write(g, reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(CBORGenerator g, JsonNode node) throws IOException {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof Instant time) {
            g.writeTag(EPOCH_TAG);
            g.writeNumber(time.toEpochMilli() / 1000d);
        } else if (node.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray(null, node.size());
            for (JsonNode element : node) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.longValue());
        } else if (node.isNumber()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else {
            g.writeString(node.asText());
        }
    }

    /** An error body: the error's shape id in {@code __type} and its {@code message}. */
    static byte[] error(AwsError error) {
        return encode(JsonNodeFactory.instance.objectNode()
                .put("__type", CLOUDWATCH_NAMESPACE + error.shape())
                .put("message", error.getMessage()));
    }

    /** The {@code x-amzn-query-error} value: the Query error code and whether the caller or AWS is at fault. */
    static String queryError(AwsError error) {
        return error.code() + ";" + (error.status() >= 500 ? "Receiver" : "Sender");
    }
}
