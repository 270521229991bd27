package io.jenkins.plugins.ecsdeploy.core.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * WireMock plumbing for adapter tests: a server on 127.0.0.1, an {@link AwsConnection} to it with fake static
 * credentials and tiny retry back-off, stubs keyed by AWS action, and the requests AWS was sent.
 */
final class AwsWire {

    static final String REGION = "eu-west-1";
    static final String ACCESS_KEY = "AKIDEXAMPLETEST";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    private AwsWire() {
    }

    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }

    static AwsConnection connection(WireMockExtension wire) {
        return new AwsConnection(REGION, wire.baseUrl(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                RetrySettings.fast());
    }

    /** Matches an ELBv2 (Query protocol) request for {@code action}. */
    static MappingBuilder elb(String action) {
        return query(action);
    }

    /** Matches an ELBv2 request for {@code action} that carries form parameter {@code name=value}. */
    static MappingBuilder elb(String action, String name, String value) {
        String pair = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return query(action).withRequestBody(containing(pair));
    }

    /** Matches a CloudWatch (Query protocol) request for {@code action}. */
    static MappingBuilder cloudWatch(String action) {
        return query(action);
    }

    /** Matches an ECS (JSON 1.1) request for {@code action}. */
    static MappingBuilder ecs(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS_TARGET_PREFIX + action));
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static ResponseDefinitionBuilder xmlError(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    /** The ELBv2 requests for {@code action}, oldest first. */
    static List<LoggedRequest> elbRequests(WireMockExtension wire, String action) {
        return wire.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(matching(actionPattern(action))));
    }

    /** The ECS requests for {@code action}, oldest first. */
    static List<LoggedRequest> ecsRequests(WireMockExtension wire, String action) {
        return wire.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(ECS_TARGET_PREFIX + action)));
    }

    /** The decoded form parameters of a Query-protocol request. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return params;
    }

    private static MappingBuilder query(String action) {
        return post(urlEqualTo("/")).withRequestBody(matching(actionPattern(action)));
    }

    private static String actionPattern(String action) {
        return "(.*&)?Action=" + Pattern.quote(action) + "(&.*)?";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
