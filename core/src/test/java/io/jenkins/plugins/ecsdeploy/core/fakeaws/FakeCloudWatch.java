package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CloudWatch: GetMetricData answered from a {@link MetricProgramme} ({@link FakeMetricData}), DescribeAlarms from
 * set states, and dashboards kept by name (PutDashboard, GetDashboard). Requests arrive as Query parameters (RPC v2 CBOR requests are decoded to the same); replies are
 * trees of the output shape, written as Query XML or as CBOR by the dispatcher.
 */
final class FakeCloudWatch {

    private static final Pattern DASHBOARD_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private final MetricProgramme programme;

    FakeCloudWatch(MetricProgramme programme) {
        this.programme = programme;
    }

    /** Answers one action with its output structure. */
    ObjectNode handle(String action, Map<String, String> p, FakeAwsState s) {
        return switch (action) {
            case "GetMetricData" -> FakeMetricData.answer(programme, p);
            case "DescribeAlarms" -> describeAlarms(p, s);
            case "PutDashboard" -> putDashboard(p, s);
            case "GetDashboard" -> getDashboard(p, s);
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

    /** Stores the body as sent, after the checks CloudWatch makes before it accepts one. */
    private static ObjectNode putDashboard(Map<String, String> p, FakeAwsState s) {
        String name = dashboardName(p);
        String body = p.get("DashboardBody");
        JsonNode parsed;
        try {
            parsed = body == null ? null : WireFormat.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject() || !parsed.path("widgets").isArray()) {
            throw new AwsError(400, "InvalidParameterInput", "DashboardInvalidInputError", "The field "
                    + "DashboardBody must be a JSON object with a widgets array.");
        }
        s.dashboards.put(name, body);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.putArray("DashboardValidationMessages");
        return output;
    }

    private static ObjectNode getDashboard(Map<String, String> p, FakeAwsState s) {
        String name = dashboardName(p);
        String body = s.dashboards.get(name);
        if (body == null) {
            throw new AwsError(404, "ResourceNotFound", "DashboardNotFoundError", "Dashboard " + name
                    + " does not exist");
        }
        return JsonNodeFactory.instance.objectNode()
                .put("DashboardArn", "arn:aws:cloudwatch::" + s.account + ":dashboard/" + name)
                .put("DashboardBody", body)
                .put("DashboardName", name);
    }

    private static String dashboardName(Map<String, String> p) {
        String name = p.getOrDefault("DashboardName", "");
        if (!DASHBOARD_NAME.matcher(name).matches()) {
            throw AwsError.client("InvalidParameterValue", "The value '" + name + "' for DashboardName is not "
                    + "valid: use 1 to 255 letters, digits, '-' or '_'.");
        }
        return name;
    }
}
