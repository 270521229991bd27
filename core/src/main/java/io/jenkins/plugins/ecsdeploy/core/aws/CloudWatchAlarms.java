package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The states of CloudWatch alarms, metric and composite, for every environment kind. */
public final class CloudWatchAlarms {

    /** DescribeAlarms accepts at most this many alarm names per call. */
    private static final int ALARM_NAMES_PER_CALL = 100;

    private final CloudWatchClient cw;

    public CloudWatchAlarms(CloudWatchClient cw) {
        this.cw = cw;
    }

    /**
     * The names, among {@code alarmNames}, of the alarms in state ALARM now.
     *
     * @throws AwsFailure naming any alarm that does not exist in this account and region, since CloudWatch
     *     silently leaves unknown names out and a misspelt alarm would otherwise never fire
     */
    public List<String> inAlarm(List<String> alarmNames) {
        return inAlarm(alarmNames, "health.alarms or analysis.alarms");
    }

    /**
     * As {@link #inAlarm(List)}, for alarms named by {@code setting} (for the error: "fix the names in ...").
     */
    public List<String> inAlarm(List<String> alarmNames, String setting) {
        List<String> wanted = List.copyOf(new LinkedHashSet<>(alarmNames));
        Set<String> found = new HashSet<>();
        Set<String> firing = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += ALARM_NAMES_PER_CALL) {
            DescribeAlarmsRequest request = DescribeAlarmsRequest.builder()
                    .alarmNames(wanted.subList(from, Math.min(from + ALARM_NAMES_PER_CALL, wanted.size())))
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .maxRecords(ALARM_NAMES_PER_CALL).build();
            call("DescribeAlarms", () -> {
                for (DescribeAlarmsResponse page : cw.describeAlarmsPaginator(request)) {
                    for (MetricAlarm a : page.metricAlarms()) {
                        note(a.alarmName(), a.stateValue(), found, firing);
                    }
                    for (CompositeAlarm a : page.compositeAlarms()) {
                        note(a.alarmName(), a.stateValue(), found, firing);
                    }
                }
                return null;
            });
        }
        List<String> missing = wanted.stream().filter(n -> !found.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new AwsFailure("DescribeAlarms", "ResourceNotFound", false, "CloudWatch alarm"
                    + (missing.size() == 1 ? " " : "s ") + missing.stream().map(n -> "'" + n + "'")
                            .collect(Collectors.joining(", "))
                    + (missing.size() == 1 ? " does" : " do") + " not exist in this account and region: fix the "
                    + "names in " + setting + " (names are case-sensitive).", null);
        }
        return wanted.stream().filter(firing::contains).toList();
    }

    private static void note(String name, StateValue state, Set<String> found, Set<String> firing) {
        found.add(name);
        if (state == StateValue.ALARM) {
            firing.add(name);
        }
    }

    private static <T> T call(String operation, Supplier<T> body) {
        return AwsErrors.call("cloudwatch:" + operation, "CloudWatch", null, body);
    }
}
