package io.jenkins.plugins.ecsdeploy.core.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One graph of a CloudWatch dashboard, in the dashboard body's JSON: metrics as
 * {@code [namespace, name, dimension, value, ..., {options}]}, metric math as {@code [{expression, label, id}]},
 * and the levels a canary is held to as horizontal lines.
 */
final class MetricWidget {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode properties = JSON.objectNode();
    private final ArrayNode metrics;
    private ArrayNode levels;

    MetricWidget(String title, String region, String stat) {
        properties.put("title", title).put("region", region).put("view", "timeSeries").put("stacked", false)
                .put("stat", stat).put("period", 60);
        metrics = properties.putArray("metrics");
    }

    /** A metric; {@code id} names it for expressions; a hidden one only feeds them. */
    MetricWidget metric(String namespace, String name, Map<String, String> dimensions, String stat, String label,
            String id, boolean visible) {
        ArrayNode m = metrics.addArray().add(namespace).add(name);
        dimensions.forEach((k, v) -> m.add(k).add(v));
        ObjectNode options = m.addObject();
        if (stat != null) {
            options.put("stat", stat);
        }
        options.put("label", label).put("id", id);
        if (!visible) {
            options.put("visible", false);
        }
        return this;
    }

    MetricWidget expression(String expression, String label, String id) {
        metrics.addArray().addObject().put("expression", expression).put("label", label).put("id", id);
        return this;
    }

    /** A horizontal line at a level, when it is set. */
    MetricWidget level(String label, Double value) {
        if (value != null) {
            if (levels == null) {
                levels = properties.putObject("annotations").putArray("horizontal");
            }
            levels.addObject().put("label", label).put("value", value);
        }
        return this;
    }

    ObjectNode at(int x, int y, int width, int height) {
        ObjectNode widget = JSON.objectNode().put("type", "metric").put("x", x).put("y", y).put("width", width)
                .put("height", height);
        widget.set("properties", properties);
        return widget;
    }
}
