package io.jenkins.plugins.ecsdeploy.core.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Invalid environment configurations made at random from a valid one, each invalid by construction, with the
 * field its problem must name: a bad value for one or more fields, or a document broken as YAML.
 */
final class BadConfigs {

    /** Broken YAML: the refusal names the line and column rather than a field. */
    static final String WHERE = "(line)";

    /** A config that must be refused, and the fields the refusal must name ({@link #WHERE} for broken YAML). */
    record BadConfig(String kind, String yaml, List<String> fields) {
    }

    static final String OTHER_REGION_SERVICE = "arn:aws:ecs:eu-west-1:123456789012:service/prod/web-blue";
    static final String LISTENER_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web-alb/"
            + "50dc6c495c0c9188/1111111111111111";
    static final String TARGET_GROUP_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/"
            + "web-blue/aaaaaaaaaaaaaaaa";
    static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/web-blue";
    static final String OTHER_REGION_TARGET_GROUP = TARGET_GROUP_ARN.replace("us-east-1", "eu-central-1");

    private static final String TEMPLATE = """
            name: {{name}}
            region: {{region}}
            endpointUrl: ${endpoint}
            cluster: {{cluster}}
            container: {{container}}
            slots:
              blue:
                service: {{slots.blue.service}}
                targetGroup: {{slots.blue.targetGroup}}
              green:
                service: {{slots.green.service}}
                targetGroup: {{slots.green.targetGroup}}
            listener:
              loadBalancer: {{listener.loadBalancer}}
              port: {{listener.port}}
            testListener:
              loadBalancer: web-alb
              port: {{testListener.port}}
            smokeChecks:
              - url: {{smokeChecks[0].url}}
                expectedStatus: {{smokeChecks[0].expectedStatus}}
                retries: {{smokeChecks[0].retries}}
                retryDelay: {{smokeChecks[0].retryDelay}}
            health:
              readinessTimeout: {{health.readinessTimeout}}
              pollInterval: {{health.pollInterval}}
              bakeTime: {{health.bakeTime}}
              alarms: {{health.alarms}}
              scaleDownOldAfter: {{health.scaleDownOldAfter}}
            analysis:
              interval: {{analysis.interval}}
              maxErrorRatePercent: {{analysis.maxErrorRatePercent}}
              maxP99Millis: {{analysis.maxP99Millis}}
              minRequests: {{analysis.minRequests}}
              failureLimit: {{analysis.failureLimit}}
              inconclusiveLimit: {{analysis.inconclusiveLimit}}
              noData: {{analysis.noData}}
            """;

    /** The valid value of each field. */
    static final Map<String, String> VALID = new LinkedHashMap<>();
    /** Makers of invalid values, by field. */
    private static final Map<String, List<Function<Random, String>>> BAD = new LinkedHashMap<>();

    static {
        field("name", "prod-web", r -> "prod web", r -> "x".repeat(65 + r.nextInt(20)), r -> "naïve",
                r -> "prod/" + word(r));
        field("region", "us-east-1", r -> "us-east", r -> "US-EAST-1", r -> "useast" + r.nextInt(9),
                r -> "us-east-1" + (char) ('a' + r.nextInt(6)), r -> word(r));
        field("cluster", "prod", r -> TARGET_GROUP_ARN, r -> "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
                r -> "prod cluster", r -> "prod/" + word(r), r -> "arn:aws:ecs:us-east-1:12345:cluster/prod");
        field("container", "app", r -> "app container", r -> "app/" + word(r), r -> "x".repeat(256));
        for (String slot : List.of("blue", "green")) {
            field("slots." + slot + ".service", "web-" + slot, r -> LISTENER_ARN, r -> OTHER_REGION_SERVICE,
                    r -> "web " + slot, r -> TARGET_GROUP_ARN, r -> "web." + slot + "." + r.nextInt(100));
            field("slots." + slot + ".targetGroup", "web-" + slot, r -> SERVICE_ARN, r -> "-web-" + slot,
                    r -> "web-" + slot + "-", r -> "w".repeat(33 + r.nextInt(30)), r -> OTHER_REGION_TARGET_GROUP,
                    r -> "web_" + slot);
        }
        field("listener.loadBalancer", "web-alb", r -> "web alb", r -> "-web-alb", r -> SERVICE_ARN);
        field("listener.port", "443", r -> "0", r -> String.valueOf(65536 + r.nextInt(100_000)),
                r -> String.valueOf(-1 - r.nextInt(1000)), r -> "https");
        field("testListener.port", "8443", r -> "0", r -> String.valueOf(65536 + r.nextInt(100_000)), r -> "x");
        field("smokeChecks[0].url", "http://127.0.0.1:9/health", r -> "ftp://127.0.0.1/health",
                r -> "/health", r -> "not a url", r -> "http://", r -> "file:///etc/" + word(r));
        field("smokeChecks[0].expectedStatus", "200", r -> String.valueOf(r.nextInt(100)),
                r -> String.valueOf(600 + r.nextInt(1000)), r -> "OK");
        field("smokeChecks[0].retries", "2", r -> String.valueOf(-1 - r.nextInt(100)),
                r -> String.valueOf(1000 + r.nextInt(100_000)));
        field("smokeChecks[0].retryDelay", "5s", r -> "soon", r -> String.valueOf(r.nextInt(100)),
                r -> "5 minutes", r -> "1.5m", r -> "-5s");
        field("health.readinessTimeout", "2m", r -> "0s", r -> String.valueOf(1 + r.nextInt(100)),
                r -> (3 + r.nextInt(100)) + "h", r -> word(r), r -> "2mins");
        field("health.pollInterval", "10s", r -> "0s", r -> (1 + r.nextInt(999)) + "ms", r -> "ten seconds");
        field("health.bakeTime", "1m", r -> "0s", r -> (49 + r.nextInt(1000)) + "h", r -> "1y", r -> "PT-5M");
        field("health.alarms", "[web-5xx]", r -> "['']",
                r -> "[arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx]", r -> "[" + "a".repeat(256) + "]");
        field("health.scaleDownOldAfter", "1m", r -> "-" + (1 + r.nextInt(60)) + "m", r -> "later");
        field("analysis.interval", "60s", r -> (1 + r.nextInt(59)) + "s", r -> (61 + r.nextInt(59)) + "s",
                r -> "minute");
        field("analysis.maxErrorRatePercent", "5", r -> String.valueOf(-1 - r.nextInt(100)),
                r -> String.valueOf(101 + r.nextInt(10_000)), r -> "five");
        field("analysis.maxP99Millis", "1000", r -> String.valueOf(-1 - r.nextInt(1000)), r -> "fast");
        field("analysis.minRequests", "20", r -> String.valueOf(-1 - r.nextInt(1000)), r -> "many");
        field("analysis.failureLimit", "0", r -> String.valueOf(-1 - r.nextInt(100)),
                r -> String.valueOf(101 + r.nextInt(1000)), r -> "0.5");
        field("analysis.inconclusiveLimit", "3", r -> String.valueOf(-1 - r.nextInt(100)),
                r -> String.valueOf(101 + r.nextInt(1000)));
        field("analysis.noData", "INCONCLUSIVE", r -> "MAYBE", r -> word(r).toUpperCase(java.util.Locale.ROOT));
    }

    private BadConfigs() {
    }

    /** The valid configuration the mutations start from. */
    static String valid() {
        return render(VALID);
    }

    /** One to three fields given bad values; every one of them must be named. */
    static BadConfig badValues(Random r) {
        Map<String, String> values = new LinkedHashMap<>(VALID);
        List<String> fields = new ArrayList<>(BAD.keySet());
        List<String> chosen = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        while (chosen.size() < count) {
            String field = fields.get(r.nextInt(fields.size()));
            if (!chosen.contains(field)) {
                List<Function<Random, String>> makers = BAD.get(field);
                values.put(field, makers.get(r.nextInt(makers.size())).apply(r));
                chosen.add(field);
            }
        }
        return new BadConfig("bad value", render(values), chosen);
    }

    /** A document broken as YAML or as a configuration: the refusal names where. */
    static BadConfig brokenDocument(Random r) {
        List<String> lines = new ArrayList<>(List.of(valid().split("\n")));
        int kind = r.nextInt(7);
        switch (kind) {
            case 0 -> {
                int at = nestedLine(lines, r);
                lines.set(at, "\t" + lines.get(at).stripLeading());
                return new BadConfig("tab indentation", String.join("\n", lines), List.of(WHERE));
            }
            case 1 -> {
                String key = topLevel(lines, r);
                lines.add(key + ": " + word(r));
                return new BadConfig("duplicate key", String.join("\n", lines), List.of(key.trim()));
            }
            case 2 -> {
                String junk = "@`%".charAt(r.nextInt(3)) + word(r);
                lines.add(r.nextInt(lines.size()), junk);
                return new BadConfig("reserved indicator", String.join("\n", lines), List.of(WHERE));
            }
            case 3 -> {
                String key = "x" + word(r);
                String section = List.of("", "health.", "analysis.", "slots.blue.").get(r.nextInt(4));
                String indent = "  ".repeat(section.isEmpty() ? 0 : section.split("\\.").length);
                int at = section.isEmpty() ? lines.size() : indexOf(lines, section) + 1;
                lines.add(at, indent + key + ": " + r.nextInt(100));
                return new BadConfig("unknown field", String.join("\n", lines), List.of(section + key));
            }
            case 4 -> {
                String field = List.of("cluster", "region", "container", "name").get(r.nextInt(4));
                lines.removeIf(l -> l.startsWith(field + ":"));
                return new BadConfig("missing field", String.join("\n", lines), List.of(field));
            }
            case 5 -> {
                String field = List.of("cluster", "region", "container").get(r.nextInt(3));
                lines.replaceAll(l -> l.startsWith(field + ":") ? field + ": [" + word(r) + ", " + word(r) + "]" : l);
                return new BadConfig("list for a scalar", String.join("\n", lines), List.of(field));
            }
            default -> {
                StringBuilder garbage = new StringBuilder();
                for (int i = 0; i < 1 + r.nextInt(200); i++) {
                    garbage.append((char) (1 + r.nextInt(0x2FF)));
                }
                return new BadConfig("random text", garbage.toString(), List.of());
            }
        }
    }

    private static String render(Map<String, String> values) {
        String yaml = TEMPLATE;
        for (Map.Entry<String, String> e : values.entrySet()) {
            yaml = yaml.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return yaml;
    }

    @SafeVarargs
    private static void field(String path, String valid, Function<Random, String>... bad) {
        VALID.put(path, valid);
        BAD.put(path, List.of(bad));
    }

    static String word(Random r) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < 3 + r.nextInt(8); i++) {
            w.append((char) ('a' + r.nextInt(26)));
        }
        return w.toString();
    }

    private static int nestedLine(List<String> lines, Random r) {
        while (true) {
            int at = r.nextInt(lines.size());
            if (lines.get(at).startsWith("  ")) {
                return at;
            }
        }
    }

    private static String topLevel(List<String> lines, Random r) {
        List<String> keys = lines.stream().filter(l -> !l.startsWith(" ") && l.contains(":"))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        return keys.get(r.nextInt(keys.size()));
    }

    private static int indexOf(List<String> lines, String section) {
        String[] parts = section.split("\\.");
        int from = 0;
        for (int depth = 0; depth < parts.length; depth++) {
            String header = "  ".repeat(depth) + parts[depth] + ":";
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).equals(header)) {
                    from = i;
                    break;
                }
            }
        }
        return from;
    }
}
