package io.jenkins.plugins.ecsdeploy.core.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARNs a configuration may name, and the problems with one: the wrong kind of resource (a listener ARN where
 * a target group belongs), a malformed resource part, or another region than the configuration's.
 */
final class ArnRules {

    private static final Pattern ARN = Pattern.compile("arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)", Pattern.DOTALL);
    private static final Pattern PARTITION = Pattern.compile("aws[a-z-]*");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final String ECS_NAME = "[A-Za-z0-9_-]{1,255}";
    private static final String ELB_NAME = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?";
    private static final String ID = "[0-9a-f]{1,32}";

    /** A kind of resource, by the service and resource type its ARN names. */
    enum Kind {
        ECS_CLUSTER("ecs", "cluster", "an ECS cluster ARN", "cluster/NAME", "cluster/" + ECS_NAME),
        ECS_SERVICE("ecs", "service", "an ECS service ARN", "service/CLUSTER/NAME",
                "service/(?:" + ECS_NAME + "/)?" + ECS_NAME),
        ECS_TASK_DEFINITION("ecs", "task-definition", "an ECS task definition ARN", "task-definition/FAMILY:REVISION",
                ".*"),
        TARGET_GROUP("elasticloadbalancing", "targetgroup", "a target group ARN", "targetgroup/NAME/ID",
                "targetgroup/" + ELB_NAME + "/" + ID),
        LOAD_BALANCER("elasticloadbalancing", "loadbalancer", "a load balancer ARN", "loadbalancer/app/NAME/ID",
                "loadbalancer/app/" + ELB_NAME + "/" + ID),
        LISTENER("elasticloadbalancing", "listener", "a listener ARN", "listener/app/LOAD-BALANCER/ID/ID",
                "listener/app/" + ELB_NAME + "/" + ID + "/" + ID),
        LISTENER_RULE("elasticloadbalancing", "listener-rule", "a listener rule ARN",
                "listener-rule/app/LOAD-BALANCER/ID/ID/ID",
                "listener-rule/app/" + ELB_NAME + "/" + ID + "/" + ID + "/" + ID),
        CLOUDWATCH_ALARM("cloudwatch", "alarm", "a CloudWatch alarm ARN", "alarm:NAME", ".*"),
        APP_RUNNER_SERVICE("apprunner", "service", "an App Runner service ARN", "service/NAME/ID",
                "service/[A-Za-z0-9][A-Za-z0-9_-]{3,39}/[0-9a-f]{32}");

        private final String service;
        private final String type;
        private final String description;
        private final String format;
        private final Pattern resource;

        Kind(String service, String type, String description, String resourceFormat, String resourceRegex) {
            this.service = service;
            this.type = type;
            this.description = description;
            this.format = "arn:aws:" + service + ":REGION:ACCOUNT:" + resourceFormat;
            this.resource = Pattern.compile(resourceRegex);
        }

        String format() {
            return format;
        }

        static Optional<Kind> of(String service, String resource) {
            return Arrays.stream(values())
                    .filter(k -> k.service.equals(service)
                            && (resource.startsWith(k.type + "/") || resource.startsWith(k.type + ":")))
                    .findFirst();
        }
    }

    /** A syntactically split ARN. */
    record Arn(String partition, String service, String region, String account, String resource) {

        /** The last part of the resource: the name for clusters and services. */
        String lastName() {
            return resource.substring(resource.lastIndexOf('/') + 1);
        }

        /** The name part of a target group or load balancer ARN ({@code targetgroup/NAME/ID}). */
        String elbName() {
            String[] parts = resource.split("/");
            return parts.length >= 3 && parts[1].equals("app") ? parts[2] : parts.length >= 2 ? parts[1] : resource;
        }
    }

    private ArnRules() {
    }

    static boolean looksLikeArn(String text) {
        return text != null && text.startsWith("arn:");
    }

    static Optional<Arn> parse(String text) {
        Matcher m = ARN.matcher(text);
        return m.matches()
                ? Optional.of(new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)))
                : Optional.empty();
    }

    /**
     * Checks an ARN given for a field.
     *
     * @param region the configuration's region, or null when it is missing or invalid (then not compared)
     * @return the problem, or empty when the ARN names a resource of the expected kind in that region
     */
    static Optional<String> check(String text, Kind expected, String region) {
        Optional<Arn> parsed = parse(text);
        if (parsed.isEmpty()) {
            return Optional.of("'" + text + "' is not a valid ARN: write it like " + expected.format());
        }
        Arn arn = parsed.get();
        Optional<Kind> actual = Kind.of(arn.service(), arn.resource());
        if (actual.isPresent() && actual.get() != expected) {
            return Optional.of("that is " + actual.get().description + ", expected " + expected.description
                    + " (" + expected.format() + ")");
        }
        if (actual.isEmpty()) {
            return Optional.of("'" + text + "' is not " + expected.description + ": write it like " + expected.format());
        }
        if (arn.resource().startsWith(expected.type + "/net/")) {
            return Optional.of("that is a Network Load Balancer's; weighted forwarding needs an Application Load "
                    + "Balancer (" + expected.format() + ")");
        }
        if (!PARTITION.matcher(arn.partition()).matches() || !ACCOUNT.matcher(arn.account()).matches()
                || !expected.resource.matcher(arn.resource()).matches()) {
            return Optional.of("'" + text + "' is not a well-formed " + expected.description.substring(
                    expected.description.indexOf(' ') + 1) + ": write it like " + expected.format()
                    + " (ACCOUNT is 12 digits)");
        }
        if (region != null && !region.equals(arn.region())) {
            return Optional.of("the ARN is in region '" + arn.region() + "' but the configuration's region is '"
                    + region + "'");
        }
        return Optional.empty();
    }
}
