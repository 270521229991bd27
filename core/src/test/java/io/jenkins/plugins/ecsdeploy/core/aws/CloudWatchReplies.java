package io.jenkins.plugins.ecsdeploy.core.aws;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** CloudWatch Query-protocol reply bodies, as the service sends them, for WireMock stubs. */
final class CloudWatchReplies {

    private static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final Instant FIRST_POINT = Instant.parse("2026-11-23T12:00:00Z");

    private CloudWatchReplies() {
    }

    /** One MetricDataResults member with a data point per value, a minute apart. */
    static String series(String id, double... values) {
        return series(id, "Complete", values);
    }

    static String series(String id, String statusCode, double... values) {
        StringBuilder timestamps = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            timestamps.append("<member>").append(FIRST_POINT.plusSeconds(60L * i)).append("</member>");
        }
        String vals = Arrays.stream(values).mapToObj(v -> "<member>" + v + "</member>")
                .collect(Collectors.joining());
        return "<member><Id>" + id + "</Id><Label>" + id + "</Label><Timestamps>" + timestamps + "</Timestamps>"
                + "<Values>" + vals + "</Values><StatusCode>" + statusCode + "</StatusCode></member>";
    }

    static String metricData(String nextToken, String... series) {
        return "<GetMetricDataResponse xmlns=\"" + NS + "\"><GetMetricDataResult><MetricDataResults>"
                + String.join("", series) + "</MetricDataResults>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>")
                + "</GetMetricDataResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</GetMetricDataResponse>";
    }

    static String metricAlarm(String name, String state) {
        return "<member><AlarmName>" + name + "</AlarmName><AlarmArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm:"
                + name + "</AlarmArn><StateValue>" + state + "</StateValue></member>";
    }

    static String describeAlarms(String metricAlarms, String compositeAlarms) {
        return "<DescribeAlarmsResponse xmlns=\"" + NS + "\"><DescribeAlarmsResult><MetricAlarms>" + metricAlarms
                + "</MetricAlarms><CompositeAlarms>" + compositeAlarms + "</CompositeAlarms></DescribeAlarmsResult>"
                + "<ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></DescribeAlarmsResponse>";
    }

    static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                + message + "</Message></Error><RequestId>r-3</RequestId></ErrorResponse>";
    }
}
