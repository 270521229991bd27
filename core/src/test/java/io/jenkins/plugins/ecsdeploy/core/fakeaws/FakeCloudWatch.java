package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.list;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch: GetMetricData answered from a {@link MetricProgramme} ({@link FakeMetricData}), and DescribeAlarms
 * from set states. Requests arrive as Query parameters (RPC v2 CBOR requests are decoded to the same); replies are
 * trees of the output shape, written as Query XML or as CBOR by the dispatcher.
 */
final class FakeCloudWatch {

    private final MetricProgramme programme;

    FakeCloudWatch(MetricProgramme programme) {
        this.programme = programme;
    }

    /** Answers one action with its output structure. */
    ObjectNode handle(String action, Map<String, String> p, FakeAwsState s) {
        return switch (action) {
            case "GetMetricData" -> FakeMetricData.answer(programme, p);
            case "DescribeAlarms" -> describeAlarms(p, s);
            default -> throw AwsError.client("InvalidAction", "The action " + action + " is not valid for this web "
                    + "service (the fake CloudWatch does not implement it).");
        };
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
}
