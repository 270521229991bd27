package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request the fake received, in arrival order, including those it answered with a fault.
 *
 * @param service {@code elbv2}, {@code ecs}, {@code cloudwatch}, or {@code unknown}
 * @param action the API action, such as {@code ModifyListener}
 * @param params the decoded form parameters of a Query request (ELBv2, CloudWatch), also for a CloudWatch request
 *     in RPC v2 CBOR, whose input is flattened to the same names; empty for ECS
 * @param body the raw request body (the JSON document for ECS); for RPC v2 CBOR, the decoded input as JSON
 * @param fault the fault injected into this call, or null when it was answered normally
 * @param protocol {@code awsQuery}, {@code awsJson1_1} or {@code rpcv2Cbor}; null for a request the fake refused
 */
public record Call(String service, String action, Map<String, String> params, String body, Fault fault,
        String protocol) {

    /** A Query parameter such as {@code DefaultActions.member.1.ForwardConfig.TargetGroups.member.2.Weight}. */
    public String param(String name) {
        return params.get(name);
    }

    /**
     * The members of a Query list of structures by a key field, each as its parameters below
     * {@code LIST.member.N.}: {@code members("MetricDataQueries", "Id")} gives a GetMetricData call's queries by id.
     */
    public Map<String, Map<String, String>> members(String list, String key) {
        Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
        for (int i = 1; param(list + ".member." + i + "." + key) != null; i++) {
            String prefix = list + ".member." + i + ".";
            Map<String, String> member = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    member.put(k.substring(prefix.length()), v);
                }
            });
            byKey.put(member.get(key), member);
        }
        return byKey;
    }

    /** The JSON body of an ECS call. */
    public JsonNode json() {
        try {
            return WireFormat.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(action + " did not send JSON: " + body, e);
        }
    }
}
