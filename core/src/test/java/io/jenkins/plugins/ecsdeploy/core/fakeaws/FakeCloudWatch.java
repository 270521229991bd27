package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.list;
import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.members;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch GetMetricData answered from a {@link MetricProgramme}, and DescribeAlarms from set states. Requests
 * arrive as Query parameters (RPC v2 CBOR requests are decoded to the same); replies are trees of the output
 * shape, written as Query XML or as CBOR by the dispatcher.
 */
final class FakeCloudWatch {

    private static final int MAX_POINTS = 100_800;

    private final MetricProgramme programme;

    FakeCloudWatch(MetricProgramme programme) {
        this.programme = programme;
    }

    /** Answers one action with its output structure. */
    ObjectNode handle(String action, Map<String, String> p, FakeAwsState s) {
        return switch (action) {
            case "GetMetricData" -> getMetricData(p);
            case "DescribeAlarms" -> describeAlarms(p, s);
            default -> throw AwsError.client("InvalidAction", "The action " + action + " is not valid for this web "
                    + "service (the fake CloudWatch does not implement it).");
        };
    }

    private ObjectNode getMetricData(Map<String, String> p) {
        Instant start = time(p, "StartTime");
        Instant end = time(p, "EndTime");
        if (!start.isBefore(end)) {
            throw AwsError.client("InvalidParameterValue", "The parameter StartTime must be before EndTime.");
        }
        boolean ascending = "TimestampAscending".equals(p.get("ScanBy"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode results = output.putArray("MetricDataResults");
        for (String query : members(p, "MetricDataQueries")) {
            if (!"false".equals(p.get(query + ".ReturnData"))) {
                results.add(result(p, query, start, end, ascending));
            }
        }
        output.putArray("Messages");
        return output;
    }

    private ObjectNode result(Map<String, String> p, String query, Instant start, Instant end, boolean ascending) {
        String stat = query + ".MetricStat";
        if (!p.containsKey(stat + ".Metric.MetricName")) {
            throw AwsError.client("InvalidParameterValue", "The fake CloudWatch answers MetricStat queries only; "
                    + "query " + p.get(query + ".Id") + " has none.");
        }
        String metricName = p.get(stat + ".Metric.MetricName");
        int period = Integer.parseInt(p.getOrDefault(stat + ".Period", "60"));
        if (period <= 0 || (end.getEpochSecond() - start.getEpochSecond()) / period > MAX_POINTS) {
            throw AwsError.client("InvalidParameterCombination", "Period " + period + " yields too many data points.");
        }
        String group = null;
        for (String dimension : members(p, stat + ".Metric.Dimensions")) {
            String name = p.get(dimension + ".Name");
            if ("TargetGroup".equals(name) || ("LoadBalancer".equals(name) && group == null)) {
                group = MetricProgramme.groupName(p.get(dimension + ".Value"));
            }
        }
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(period)) {
            Double value = group == null ? null : programme.valueAt(group, metricName, p.get(stat + ".Stat"), t);
            if (value != null) {
                timestamps.add(t);
                values.add(value);
            }
        }
        if (!ascending) {
            Collections.reverse(timestamps);
            Collections.reverse(values);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("Id", p.get(query + ".Id"))
                .put("Label", metricName);
        ArrayNode times = result.putArray("Timestamps");
        timestamps.forEach(times::addPOJO);
        ArrayNode vals = result.putArray("Values");
        values.forEach(vals::add);
        return result.put("StatusCode", "Complete");
    }

    private ObjectNode describeAlarms(Map<String, String> p, FakeAwsState s) {
        List<String> names = list(p, "AlarmNames");
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode alarms = output.putArray("MetricAlarms");
        s.alarms.keySet().stream().filter(n -> names.isEmpty() || names.contains(n)).forEach(name -> alarms
                .addObject()
                .put("AlarmName", name)
                .put("AlarmArn", "arn:aws:cloudwatch:" + s.region + ":" + s.account + ":alarm:" + name)
                .put("ActionsEnabled", true)
                .put("StateValue", s.alarms.get(name))
                .put("StateReason", "Set by the test"));
        output.putArray("CompositeAlarms");
        return output;
    }

    private static Instant time(Map<String, String> p, String name) {
        try {
            return Instant.parse(p.getOrDefault(name, ""));
        } catch (DateTimeParseException e) {
            throw AwsError.client("InvalidParameterValue", "The parameter " + name + " must be an ISO-8601 time.");
        }
    }
}
