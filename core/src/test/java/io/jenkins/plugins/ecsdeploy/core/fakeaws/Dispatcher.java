package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static java.util.Map.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes every request WireMock receives to the fake service it is meant for, under one lock, and turns the result
 * (or the injected fault) into the reply AWS would send. Holds all mutable state of a {@link FakeAws}.
 */
final class Dispatcher implements ResponseDefinitionTransformerV2 {

    private static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    /** Which reads show the effect of which writes, so that a stale read undoes only the relevant write. */
    private static final Map<String, String> CONCERN = Map.ofEntries(
            entry("ModifyListener", "routing"), entry("ModifyRule", "routing"),
            entry("DescribeListeners", "routing"), entry("DescribeRules", "routing"),
            entry("AddTags", "tags"), entry("RemoveTags", "tags"), entry("DescribeTags", "tags"),
            entry("UpdateService", "services"), entry("DescribeServices", "services"),
            entry("StopServiceDeployment", "services"), entry("ListServiceDeployments", "services"),
            entry("DescribeServiceDeployments", "services"),
            // ECS and Route 53 both name their tag read ListTagsForResource: one concern for both services' tags.
            entry("TagResource", "zonetags"), entry("UntagResource", "zonetags"),
            entry("DescribeTargetHealth", "services"),
            entry("RegisterTaskDefinition", "taskdefs"), entry("DescribeTaskDefinition", "taskdefs"),
            entry("PutDashboard", "dashboards"), entry("GetDashboard", "dashboards"),
            entry("ChangeResourceRecordSets", "records"), entry("ListResourceRecordSets", "records"),
            entry("ChangeTagsForResource", "zonetags"), entry("ListTagsForResource", "zonetags"),
            entry("PauseService", "apprunner"), entry("ResumeService", "apprunner"),
            entry("DescribeService", "apprunner"), entry("ListOperations", "apprunner"),
            entry("CreateDeployment", "codedeploy"), entry("ContinueDeployment", "codedeploy"),
            entry("StopDeployment", "codedeploy"), entry("GetDeployment", "codedeploy"),
            entry("ListDeployments", "codedeploy"), entry("GetDeploymentTarget", "codedeploy"));

    final FakeAwsState state;
    final FaultPlan faults = new FaultPlan();
    final MetricProgramme metrics = new MetricProgramme();
    final FakeEcs ecs;
    private final FakeElb elb = new FakeElb();
    private final FakeCloudWatch cloudWatch = new FakeCloudWatch(metrics);
    private final FakeRoute53 route53;
    private final FakeAppRunner appRunner;
    private final FakeCodeDeploy codeDeploy;
    private final List<Call> calls = new ArrayList<>();
    /** When each call arrived (System.nanoTime), for benchmarks that time a step inside a run. */
    private final List<Long> arrivals = new ArrayList<>();
    private final Map<String, FakeAwsState> before = new HashMap<>();
    private Duration readTimeoutDelay;
    private int requestCounter;

    Dispatcher(FakeAwsState state, Clock clock, Duration readTimeoutDelay) {
        this.state = state;
        this.ecs = new FakeEcs(clock);
        this.route53 = new FakeRoute53(clock);
        this.appRunner = new FakeAppRunner(clock);
        this.codeDeploy = new FakeCodeDeploy(clock);
        this.readTimeoutDelay = readTimeoutDelay;
    }

    @Override
    public String getName() {
        return "fake-aws";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String requestId = "fake-" + (++requestCounter);
        String body = request.getBodyAsString();
        // CodeDeploy moves its deployments (and the listener weights) whoever asks, as AWS does.
        codeDeploy.settle(state);
        if (request.header("X-Amz-Target").isPresent()
                && request.getHeader("X-Amz-Target").startsWith(FakeCodeDeploy.TARGET_PREFIX)) {
            String action = request.getHeader("X-Amz-Target").substring(FakeCodeDeploy.TARGET_PREFIX.length());
            return serve(Protocol.CODEDEPLOY, action, Map.of(), body, requestId,
                    s -> bytes(codeDeploy.handle(action, json(body), s)));
        }
        if (request.getUrl().startsWith(FakeRoute53.PREFIX)) {
            String url = request.getUrl();
            String action = FakeRoute53.action(request.getMethod().getName(),
                    url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
            return serve(Protocol.ROUTE53, action, Map.of(), body, requestId,
                    s -> bytes(route53.handle(action, url, body, s)));
        }
        if (request.header("X-Amz-Target").isPresent()
                && request.getHeader("X-Amz-Target").startsWith(FakeAppRunner.TARGET_PREFIX)) {
            String action = request.getHeader("X-Amz-Target").substring(FakeAppRunner.TARGET_PREFIX.length());
            return serve(Protocol.APP_RUNNER, action, Map.of(), body, requestId,
                    s -> bytes(appRunner.handle(action, json(body), s)));
        }
        if (request.header("X-Amz-Target").isPresent()
                && request.getHeader("X-Amz-Target").startsWith(ECS_TARGET_PREFIX)) {
            String action = request.getHeader("X-Amz-Target").substring(ECS_TARGET_PREFIX.length());
            return serve(Protocol.ECS, action, Map.of(), body, requestId,
                    s -> bytes(ecs.handle(action, json(body), s)));
        }
        if (request.header(CborWire.PROTOCOL_HEADER).isPresent()) {
            return rpcV2Cbor(request, requestId);
        }
        Map<String, String> params = WireFormat.parseForm(body);
        String action = params.getOrDefault("Action", "");
        String version = params.getOrDefault("Version", "");
        if (version.equals("2015-12-01")) {
            return serve(Protocol.ELB, action, params, body, requestId, s -> bytes(WireFormat.queryResponse(
                    Protocol.ELB.namespace, action, elb.handle(action, params, s), requestId)));
        }
        if (version.equals("2010-08-01")) {
            return serve(Protocol.CLOUDWATCH, action, params, body, requestId, s -> bytes(WireFormat.queryResponse(
                    Protocol.CLOUDWATCH.namespace, action,
                    new WireFormat.Xml().fields(cloudWatch.handle(action, params, s)).toString(), requestId)));
        }
        return unknown(action, params, body);
    }

    /** CloudWatch in the RPC v2 CBOR protocol of newer SDKs; its requests decode to the Query parameters. */
    private ResponseDefinition rpcV2Cbor(Request request, String requestId) {
        String[] target = CborWire.serviceAndOperation(request.getUrl());
        if (target == null || !CborWire.PROTOCOL.equals(request.getHeader(CborWire.PROTOCOL_HEADER))
                || !CborWire.CLOUDWATCH_SERVICE.equals(target[0])) {
            return unknown(target == null ? request.getUrl() : target[1], Map.of(), request.getUrl());
        }
        String action = target[1];
        Map<String, String> params;
        String decoded;
        try {
            JsonNode input = CborWire.decode(request.getBody());
            params = CborWire.flatten(input);
            decoded = input.toString();
        } catch (AwsError e) {
            record(new Call(Protocol.CLOUDWATCH_CBOR.service, action, Map.of(), "", null,
                    Protocol.CLOUDWATCH_CBOR.wireName));
            return error(Protocol.CLOUDWATCH_CBOR, e, requestId).build();
        }
        return serve(Protocol.CLOUDWATCH_CBOR, action, params, decoded, requestId,
                s -> CborWire.encode(cloudWatch.handle(action, params, s)));
    }

    private ResponseDefinition unknown(String action, Map<String, String> params, String body) {
        record(new Call("unknown", action, params, body, null, null));
        return aResponse().withStatus(400).withBody("The fake AWS serves ECS (JSON 1.1), ELBv2 (Query 2015-12-01), "
                + "CloudWatch (Query 2010-08-01, or RPC v2 CBOR), Route 53 (REST-XML 2013-04-01), App Runner (JSON 1.0) and CodeDeploy (JSON 1.1) only; this request is none of them.").build();
    }

    private ResponseDefinition serve(Protocol protocol, String action, Map<String, String> params, String body,
            String requestId, Function<FakeAwsState, byte[]> handler) {
        // ECS-native deployments move on the fake's clock, whatever is asked and whether or not it fails.
        ecs.serviceDeployments.settle(state);
        Fault fault = faults.next(action);
        record(new Call(protocol.service, action, params, body, fault, protocol.wireName));
        if (fault == Fault.CONNECTION_RESET) {
            return aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (fault != null && !fault.reachesState()) {
            return error(protocol, faultError(protocol, fault, action), requestId).build();
        }
        boolean write = FaultPlan.WRITES.contains(action) && !faults.ignores(action) && faults.keepsStaleState();
        FakeAwsState beforeWrite = write ? state.copy() : null;
        ResponseDefinitionBuilder reply;
        try {
            byte[] result = handler.apply(target(action, fault));
            reply = protocol.headers(aResponse().withStatus(200), requestId).withBody(result);
            if (write) {
                before.put(concern(action), beforeWrite);
            }
        } catch (AwsError e) {
            reply = error(protocol, e, requestId);
        } catch (RuntimeException e) {
            // A request the fake cannot read is a bug in the caller or the fake: fail it loudly, without retries.
            reply = error(protocol, AwsError.client("FakeAwsCannotHandle",
                    "The fake AWS could not handle " + action + ": " + e), requestId);
        }
        if (fault == Fault.REPLY_LOST) {
            return aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (fault == Fault.READ_TIMEOUT) {
            reply.withFixedDelay((int) readTimeoutDelay.toMillis());
        }
        return reply.build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The state a call runs against: a throwaway copy for ignored writes and for stale reads (which see the state
     * before the latest write of the same concern), the live state otherwise.
     */
    private FakeAwsState target(String action, Fault fault) {
        if (FaultPlan.WRITES.contains(action) && faults.ignores(action)) {
            return state.copy();
        }
        if (fault == Fault.STALE_READ && !FaultPlan.WRITES.contains(action)) {
            return before.getOrDefault(concern(action), state).copy();
        }
        return state;
    }

    private static String concern(String action) {
        return CONCERN.getOrDefault(action, action);
    }

    private static ResponseDefinitionBuilder error(Protocol protocol, AwsError e, String requestId) {
        ResponseDefinitionBuilder reply = protocol.headers(aResponse().withStatus(e.status()), requestId);
        return switch (protocol) {
            case ECS, APP_RUNNER, CODEDEPLOY -> reply.withBody(WireFormat.jsonError(e));
            case CLOUDWATCH_CBOR -> reply.withHeader(CborWire.QUERY_ERROR_HEADER, CborWire.queryError(e))
                    .withBody(CborWire.error(e));
            default -> reply.withBody(WireFormat.queryError(protocol.namespace, e, requestId));
        };
    }

    private static AwsError faultError(Protocol protocol, Fault fault, String action) {
        boolean ecs = protocol == Protocol.ECS || protocol == Protocol.APP_RUNNER || protocol == Protocol.CODEDEPLOY;
        return switch (fault) {
            case HTTP_500 -> new AwsError(500, ecs ? "ServerException" : "InternalFailure",
                    "The server encountered an internal error (injected).");
            case HTTP_503 -> new AwsError(503, "ServiceUnavailable", "Service is unavailable (injected).");
            case THROTTLING -> AwsError.client(ecs ? "ThrottlingException" : "Throttling", "Rate exceeded");
            case TOO_MANY_REQUESTS -> new AwsError(429, "TooManyRequestsException", "Too many requests (injected).");
            case ACCESS_DENIED -> new AwsError(ecs ? 400 : 403, ecs ? "AccessDeniedException" : "AccessDenied",
                    "User: arn:aws:sts::" + FakeAws.ACCOUNT + ":assumed-role/deployer/session is not authorized to "
                            + "perform: " + protocol.iamPrefix + ":" + action);
            default -> throw new IllegalStateException(fault + " is not answered with an error reply");
        };
    }

    private static JsonNode json(String body) {
        try {
            return WireFormat.JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw AwsError.client("SerializationException", "The request body is not JSON.");
        }
    }

    synchronized void forgetCalls() {
        calls.clear();
        arrivals.clear();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized int callCount() {
        return calls.size();
    }

    synchronized long arrival(int index) {
        return arrivals.get(index);
    }

    private synchronized void record(Call call) {
        calls.add(call);
        arrivals.add(System.nanoTime());
    }

    synchronized void readTimeoutDelay(Duration delay) {
        this.readTimeoutDelay = delay;
    }

    /** Runs {@code change} on the live state under the lock that requests take. */
    /** Puts the account back to {@code saved} and forgets the states that stale reads would answer with. */
    synchronized void restore(FakeAwsState saved) {
        state.restoreFrom(saved);
        before.clear();
    }

    synchronized <T> T withState(Function<FakeAwsState, T> change) {
        return change.apply(state);
    }

    private enum Protocol {
        ELB("elbv2", WireFormat.ELB_NAMESPACE, WireFormat.XML_CONTENT_TYPE, "elasticloadbalancing", "awsQuery"),
        ECS("ecs", null, WireFormat.JSON_CONTENT_TYPE, "ecs", "awsJson1_1"),
        CLOUDWATCH("cloudwatch", WireFormat.CLOUDWATCH_NAMESPACE, WireFormat.XML_CONTENT_TYPE, "cloudwatch",
                "awsQuery"),
        CLOUDWATCH_CBOR("cloudwatch", null, CborWire.CONTENT_TYPE, "cloudwatch", "rpcv2Cbor"),
        ROUTE53("route53", FakeRoute53.NAMESPACE, WireFormat.XML_CONTENT_TYPE, "route53", "restXml"),
        APP_RUNNER("apprunner", null, "application/x-amz-json-1.0", "apprunner", "awsJson1_0"),
        CODEDEPLOY("codedeploy", null, WireFormat.JSON_CONTENT_TYPE, "codedeploy", "awsJson1_1");

        final String service;
        final String namespace;
        final String contentType;
        final String iamPrefix;
        /** The protocol's Smithy trait name, as {@link Call#protocol()} reports it. */
        final String wireName;

        Protocol(String service, String namespace, String contentType, String iamPrefix, String wireName) {
            this.service = service;
            this.namespace = namespace;
            this.contentType = contentType;
            this.iamPrefix = iamPrefix;
            this.wireName = wireName;
        }

        /** The headers of every reply; RPC v2 replies must repeat the protocol, or clients reject them. */
        ResponseDefinitionBuilder headers(ResponseDefinitionBuilder reply, String requestId) {
            reply.withHeader("Content-Type", contentType).withHeader("x-amzn-RequestId", requestId);
            return this == CLOUDWATCH_CBOR ? reply.withHeader(CborWire.PROTOCOL_HEADER, CborWire.PROTOCOL) : reply;
        }
    }
}
