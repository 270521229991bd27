package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's RPC v2 CBOR side, with requests built byte by byte as the SDK's CBOR generator writes them (tag 1
 * epoch-second timestamps, indefinite-length maps), so that what the codec reads and writes is pinned here; the
 * module {@code core-cbor-test} runs a real SDK client that speaks this protocol against the same fake.
 */
class FakeCloudWatchCborTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final String GREEN = "targetgroup/web-green/bbbbbbbbbbbbbbbb";
    private static final CBORFactory CBOR = new CBORFactory();

    private final FakeAws aws = FakeAws.startStandard();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void getMetricDataAnswersInCborWithTaggedTimestamps() throws IOException {
        aws.metrics().set("green", "RequestCount", "Sum", 1200);

        HttpResponse<byte[]> reply = post("GetMetricData", getMetricData(START, START.plusSeconds(120)));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/cbor");
        List<Object> tokens = tokens(reply.body());
        assertThat(tokens).containsSubsequence("MetricDataResults", "Id", "r", "Timestamps",
                "tag1 DOUBLE " + START, "tag1 DOUBLE " + START.plusSeconds(60),
                "Values", 1200.0, 1200.0, "StatusCode", "Complete");

        Call call = aws.calls("GetMetricData").get(0);
        assertThat(call.protocol()).isEqualTo("rpcv2Cbor");
        assertThat(call.param("StartTime")).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(call.param("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value"))
                .isEqualTo(GREEN);
        assertThat(call.param("MetricDataQueries.member.1.MetricStat.Period")).isEqualTo("60");
        assertThat(call.param("MetricDataQueries.member.1.ReturnData")).isEqualTo("true");
    }

    @Test
    void anInvalidRequestIsACborErrorWithTheQueryCode() throws IOException {
        HttpResponse<byte[]> reply = post("GetMetricData", getMetricData(START, START));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        assertThat(tokens(reply.body())).containsSubsequence("__type",
                "com.amazonaws.cloudwatch#InvalidParameterValue", "message");
    }

    @Test
    void injectedFaultsAnswerInTheCallersProtocol() throws IOException {
        aws.inject("DescribeAlarms", Fault.THROTTLING, 1);
        aws.inject("DescribeAlarms", Fault.HTTP_500, 1);

        HttpResponse<byte[]> throttled = post("DescribeAlarms", describeAlarms("web-5xx"));
        HttpResponse<byte[]> failed = post("DescribeAlarms", describeAlarms("web-5xx"));

        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.headers().firstValue("x-amzn-query-error")).hasValue("Throttling;Sender");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("x-amzn-query-error")).hasValue("InternalFailure;Receiver");
        assertThat(aws.calls("DescribeAlarms")).extracting(Call::fault, Call::protocol).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Fault.THROTTLING, "rpcv2Cbor"),
                org.assertj.core.groups.Tuple.tuple(Fault.HTTP_500, "rpcv2Cbor"));
    }

    @Test
    void bodiesThatAreNotACborMapAreRefused() throws IOException {
        HttpResponse<byte[]> reply = post("DescribeAlarms", new byte[] {(byte) 0x83, 1, 2, 3});

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("x-amzn-query-error")).hasValue("SerializationException;Sender");
    }

    @Test
    void anotherServiceOnTheRpcPathIsNotCloudWatch() throws IOException {
        HttpResponse<byte[]> reply = send("/service/SomethingElse/operation/GetMetricData", describeAlarms("x"));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(aws.calls()).extracting(Call::service).containsExactly("unknown");
    }

    private HttpResponse<byte[]> post(String operation, byte[] body) throws IOException {
        return send("/service/GraniteServiceVersion20100801/operation/" + operation, body);
    }

    private HttpResponse<byte[]> send(String path, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aws.endpoint() + path))
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .header("Accept", "application/cbor").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static byte[] getMetricData(Instant start, Instant end) {
        return cbor(g -> {
            g.writeFieldName("MetricDataQueries");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("Id", "r");
            g.writeFieldName("MetricStat");
            g.writeStartObject();
            g.writeFieldName("Metric");
            g.writeStartObject();
            g.writeStringField("Namespace", "AWS/ApplicationELB");
            g.writeStringField("MetricName", "RequestCount");
            g.writeFieldName("Dimensions");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("Name", "TargetGroup");
            g.writeStringField("Value", GREEN);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeNumberField("Period", 60);
            g.writeStringField("Stat", "Sum");
            g.writeEndObject();
            g.writeBooleanField("ReturnData", true);
            g.writeEndObject();
            g.writeEndArray();
            time(g, "StartTime", start);
            time(g, "EndTime", end);
            g.writeStringField("ScanBy", "TimestampAscending");
        });
    }

    private static byte[] describeAlarms(String name) {
        return cbor(g -> {
            g.writeFieldName("AlarmNames");
            g.writeStartArray();
            g.writeString(name);
            g.writeEndArray();
        });
    }

    /** As the SDK writes a timestamp: tag 1, then epoch seconds as a double. */
    private static void time(CBORGenerator g, String field, Instant t) throws IOException {
        g.writeFieldName(field);
        g.writeTag(1);
        g.writeNumber(t.toEpochMilli() / 1000d);
    }

    private interface Fields {
        void write(CBORGenerator g) throws IOException;
    }

    private static byte[] cbor(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Field names and values in order; a tag 1 number as {@code tag1 TYPE ISO-TIME}. */
    private static List<Object> tokens(byte[] body) throws IOException {
        List<Object> out = new ArrayList<>();
        try (CBORParser p = CBOR.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME, VALUE_STRING -> out.add(p.getText());
                    case VALUE_NUMBER_FLOAT, VALUE_NUMBER_INT -> out.add(p.getCurrentTag() == 1
                            ? "tag1 " + p.getNumberType() + " " + Instant.ofEpochMilli(Math.round(
                                    p.getDoubleValue() * 1000))
                            : (Object) p.getDoubleValue());
                    default -> {
                    }
                }
            }
        }
        return out;
    }
}
