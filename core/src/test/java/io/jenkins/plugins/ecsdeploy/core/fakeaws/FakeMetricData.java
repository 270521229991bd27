package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static io.jenkins.plugins.ecsdeploy.core.fakeaws.WireFormat.members;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * GetMetricData as CloudWatch answers it: MetricStat queries matched by namespace, name and dimensions (values from
 * the {@link MetricProgramme}), Expression queries in {@link MetricMath} over the other queries, results only for
 * queries with {@code ReturnData} true, and the request limits CloudWatch enforces: at most 500 queries, ids that
 * start with a lowercase letter and are unique, a known statistic, StartTime before EndTime.
 */
final class FakeMetricData {

    static final int MAX_QUERIES = 500;
    private static final int MAX_POINTS = 100_800;
    private static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9_]{0,254}");

    private final MetricProgramme programme;
    private final Map<String, String> p;
    private final Map<String, String> queries = new LinkedHashMap<>();
    private final Map<String, TreeMap<Instant, Double>> points = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private final Instant start;
    private final Instant end;

    private FakeMetricData(MetricProgramme programme, Map<String, String> p) {
        this.programme = programme;
        this.p = p;
        start = time("StartTime");
        end = time("EndTime");
        if (!start.isBefore(end)) {
            throw AwsError.client("InvalidParameterValue", "The parameter StartTime must be before EndTime.");
        }
        List<String> members = members(p, "MetricDataQueries");
        if (members.isEmpty()) {
            throw AwsError.client("MissingParameter", "The parameter MetricDataQueries is required.");
        }
        if (members.size() > MAX_QUERIES) {
            throw AwsError.client("ValidationError", "The collection MetricDataQueries must not have a size greater "
                    + "than " + MAX_QUERIES + ".");
        }
        for (String member : members) {
            String id = p.getOrDefault(member + ".Id", "");
            if (!ID.matcher(id).matches()) {
                throw AwsError.client("ValidationError", "Invalid metric data query id '" + id + "' at " + member
                        + ": it must start with a lowercase letter and hold only letters, digits and '_'.");
            }
            if (queries.put(id, member) != null) {
                throw AwsError.client("ValidationError", "The metric data query id '" + id + "' is used twice.");
            }
            boolean stat = p.containsKey(member + ".MetricStat.Metric.MetricName");
            if (stat == p.containsKey(member + ".Expression")) {
                throw AwsError.client("ValidationError", "Query " + id + " must have exactly one of MetricStat and "
                        + "Expression.");
            }
        }
    }

    /** Answers a GetMetricData request given as Query parameters. */
    static ObjectNode answer(MetricProgramme programme, Map<String, String> p) {
        return new FakeMetricData(programme, p).output();
    }

    private ObjectNode output() {
        boolean ascending = "TimestampAscending".equals(p.get("ScanBy"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode results = output.putArray("MetricDataResults");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            TreeMap<Instant, Double> series = series(query.getKey());
            if ("false".equals(p.get(query.getValue() + ".ReturnData"))) {
                continue;
            }
            List<Instant> times = new ArrayList<>(ascending ? series.keySet() : series.descendingKeySet());
            ObjectNode result = results.addObject().put("Id", query.getKey()).put("Label", label(query.getValue()));
            ArrayNode timestamps = result.putArray("Timestamps");
            ArrayNode values = result.putArray("Values");
            for (Instant t : times) {
                timestamps.addPOJO(t);
                values.add(series.get(t));
            }
            result.put("StatusCode", "Complete");
        }
        output.putArray("Messages");
        return output;
    }

    /** The points of a query, each computed once; expressions may use other expressions, but not in a circle. */
    private TreeMap<Instant, Double> series(String id) {
        TreeMap<Instant, Double> known = points.get(id);
        if (known != null) {
            return known;
        }
        String member = queries.get(id);
        if (member == null) {
            throw AwsError.client("ValidationError", "An expression uses '" + id + "', which is not the id of a "
                    + "query in this request.");
        }
        if (!evaluating.add(id)) {
            throw AwsError.client("ValidationError", "Query " + id + " depends on itself.");
        }
        String expression = p.get(member + ".Expression");
        TreeMap<Instant, Double> series = expression != null
                ? MetricMath.evaluate(id, expression, this::series, periods(period(member)))
                : stat(member);
        evaluating.remove(id);
        points.put(id, series);
        return series;
    }

    private TreeMap<Instant, Double> stat(String member) {
        String prefix = member + ".MetricStat";
        String stat = p.get(prefix + ".Stat");
        if (!Statistics.valid(stat)) {
            throw AwsError.client("InvalidParameterValue", "The value " + stat + " for parameter " + prefix
                    + ".Stat is not a valid statistic.");
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (String d : members(p, prefix + ".Metric.Dimensions")) {
            dimensions.put(p.get(d + ".Name"), p.get(d + ".Value"));
        }
        String namespace = p.get(prefix + ".Metric.Namespace");
        String name = p.get(prefix + ".Metric.MetricName");
        TreeMap<Instant, Double> series = new TreeMap<>();
        for (Instant t : periods(period(prefix))) {
            Double value = programme.valueAt(namespace, name, dimensions, stat, t);
            if (value != null) {
                series.put(t, value);
            }
        }
        return series;
    }

    /** The start of each period from StartTime, as CloudWatch counts them for an unaligned range. */
    private List<Instant> periods(int period) {
        if (period <= 0 || (end.getEpochSecond() - start.getEpochSecond()) / period > MAX_POINTS) {
            throw AwsError.client("InvalidParameterCombination", "Period " + period + " yields too many data points.");
        }
        List<Instant> out = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(period)) {
            out.add(t);
        }
        return out;
    }

    /** A query's Period; an expression without one takes that of the first MetricStat. */
    private int period(String prefix) {
        String own = p.get(prefix + ".Period");
        if (own != null) {
            return Integer.parseInt(own);
        }
        return queries.values().stream().map(m -> p.get(m + ".MetricStat.Period")).filter(v -> v != null)
                .findFirst().map(Integer::parseInt).orElse(60);
    }

    private String label(String member) {
        return p.getOrDefault(member + ".Label", p.getOrDefault(member + ".MetricStat.Metric.MetricName",
                p.get(member + ".Id")));
    }

    private Instant time(String name) {
        try {
            return Instant.parse(p.getOrDefault(name, ""));
        } catch (DateTimeParseException e) {
            throw AwsError.client("InvalidParameterValue", "The parameter " + name + " must be an ISO-8601 time.");
        }
    }
}
