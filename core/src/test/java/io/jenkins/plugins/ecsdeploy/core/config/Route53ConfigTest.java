package io.jenkins.plugins.ecsdeploy.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Environments steered by Route 53 weighted records: what is valid, and every problem named with its fix. */
class Route53ConfigTest {

    private static final String ROUTE53 = "route53:\n"
            + "  hostedZoneId: Z0123456789ABCDEFGHIJ\n"
            + "  recordName: api.example.com\n"
            + "  recordType: CNAME\n"
            + "  setIdentifiers: {blue: api-blue, green: api-green}\n";

    @Test
    void noneAndAppRunnerSlotsAreValidWithoutClusterContainerOrListener() {
        assertThat(problems(ROUTE53 + "slots:\n  kind: none\n")).isEmpty();
        assertThat(problems(ROUTE53 + "slots:\n  kind: none\n  blue: {healthUrl: 'https://blue.example.net/up'}\n"))
                .isEmpty();
        assertThat(problems(ROUTE53 + "slots:\n  kind: appRunner\n  blue: {service: api-blue}\n"
                + "  green: {service: 'arn:aws:apprunner:us-east-1:123456789012:service/api-green/"
                + "0123456789abcdef0123456789abcdef'}\n")).isEmpty();
        EnvironmentConfig c = ConfigLoader.parse(base() + ROUTE53 + "slots:\n  kind: none\n", "x");
        assertThat(c.steeredByDns()).isTrue();
        assertThat(c.slotKind()).isEqualTo(SlotKind.NONE);
        assertThat(c.route53().zoneId()).isEqualTo("Z0123456789ABCDEFGHIJ");
        assertThat(c.route53().fqdn()).isEqualTo("api.example.com.");
    }

    @Test
    void theExampleFileIsValid() {
        EnvironmentConfig example = ConfigLoader.load(Path.of("../examples/route53-environment.yaml"));
        assertThat(ConfigValidator.validate(example)).isEmpty();
        assertThat(example.slotKind()).isEqualTo(SlotKind.NONE);
    }

    @Test
    void theAppRunnerExampleIsValidAndNamesWhatItsTerraformCreates() throws IOException {
        EnvironmentConfig example = ConfigLoader.load(Path.of("../examples/apprunner-route53.yaml"));
        assertThat(ConfigValidator.validate(example)).isEmpty();
        assertThat(example.slotKind()).isEqualTo(SlotKind.APP_RUNNER);
        assertThat(example.smokeChecks()).allMatch(SmokeCheckConfig::usesSlotUrl);

        String tf = Files.readString(Path.of("../examples/terraform/apprunner-route53.tf"));
        assertThat(tf).contains("record_name = \"" + example.route53().recordName() + "\"")
                .contains("default     = \"" + example.route53().zoneId() + "\"")
                .contains("type           = \"" + example.route53().recordType() + "\"")
                .contains("set_identifier = each.value").contains("service_name = each.value")
                .contains("services = { blue = \"" + example.slots().get(Slot.BLUE).service() + "\", green = \""
                        + example.slots().get(Slot.GREEN).service() + "\" }");
        // The records carry each service's name as their set identifier, so both must agree in the YAML too.
        assertThat(example.route53().setIdentifiers().blue()).isEqualTo("api-blue");
        assertThat(example.route53().setIdentifiers().green()).isEqualTo("api-green");
        assertThat(tf).contains("apprunner:PauseService").contains("apprunner:ResumeService")
                .contains("cloudwatch:GetMetricData");
    }

    @Test
    void everyRoute53FieldIsCheckedAndNamed() {
        List<String> found = problems("route53:\n  hostedZoneId: example.com\n  recordName: 'api example'\n"
                + "  recordType: MX\n  setIdentifiers: {blue: same, green: same}\nslots:\n  kind: none\n");
        assertThat(found).containsExactlyInAnyOrder(
                "route53.hostedZoneId: 'example.com' is not a hosted zone id: use the id (up to 32 upper-case letters"
                        + " and digits, e.g. Z0123456789ABCDEFGHIJ), not the zone's name",
                "route53.recordName: 'api example' is not a DNS name: write it like api.example.com (labels of"
                        + " letters, digits and '-', at most 253 characters)",
                "route53.recordType: 'MX' is not supported: use CNAME, or A / AAAA for alias records (upper case)",
                "route53.setIdentifiers.green: the same as setIdentifiers.blue ('same'): each slot needs its own"
                        + " weighted record");
    }

    @Test
    void missingRoute53FieldsSayWhatToGive() {
        assertThat(problems("route53: {recordType: A}\nslots:\n  kind: none\n")).containsExactlyInAnyOrder(
                "route53.hostedZoneId: missing: give the hosted zone's id, e.g. Z0123456789ABCDEFGHIJ (aws route53"
                        + " list-hosted-zones-by-name)",
                "route53.recordName: missing: give the name both weighted records answer for, e.g. api.example.com",
                "route53.setIdentifiers: missing: give setIdentifiers.blue and setIdentifiers.green, the set"
                        + " identifiers of the two weighted records");
    }

    @Test
    void aListenerBesideRoute53IsRefused() {
        assertThat(problems(ROUTE53 + "slots:\n  kind: none\nlistener: {loadBalancer: web, port: 443}\n"
                + "testListener: {loadBalancer: web, port: 8080}\n")).containsExactlyInAnyOrder(
                "listener: given together with route53: an environment's traffic is steered either by an ALB"
                        + " listener or by Route 53 weighted records; remove one of them",
                "testListener: an environment steered by Route 53 has no test listener: smoke checks reach the idle"
                        + " slot by its own URL; remove testListener");
    }

    @Test
    void slotKindsMustFitTheTrafficKind() {
        assertThat(problems(ROUTE53 + "slots:\n  blue: {service: a, targetGroup: a}\n"
                + "  green: {service: b, targetGroup: b}\n")).singleElement().asString()
                .startsWith("slots.kind: ecs: behind Route 53 weighted records this release runs slots of kind"
                        + " appRunner");
        assertThat(problems("cluster: c\ncontainer: app\nlistener: {loadBalancer: web, port: 443}\n"
                + "slots:\n  kind: none\n  blue: {service: a, targetGroup: a}\n  green: {service: b, targetGroup:"
                + " b}\n")).contains("slots.kind: none slots need traffic steered by Route 53 weighted records: add"
                + " route53 (and remove listener), or use kind ecs");
    }

    @Test
    void slotFieldsAreCheckedForTheirKind() {
        assertThat(problems(ROUTE53 + "slots:\n  kind: none\n  blue: {service: web, healthUrl: 'ftp://x'}\n"
                + "  green: {healthUrl: 'https://u:p@green.example.net/'}\n")).containsExactlyInAnyOrder(
                "slots.blue: slots of kind none have no service or target group: give only healthUrl, or nothing",
                "slots.blue.healthUrl: 'ftp://x' is not an absolute http(s) URL: write it like"
                        + " https://blue.example.com/health",
                "slots.green.healthUrl: contains credentials (user:password@); they would be shown in logs: use a URL"
                        + " without them");
        assertThat(problems(ROUTE53 + "slots:\n  kind: appRunner\n  blue: {service: x}\n  green: {service: x}\n"))
                .containsExactlyInAnyOrder(
                        "slots.blue.service: 'x' is not an App Runner service name: use 4 to 40 letters, digits, '_'"
                                + " or '-', starting with a letter or digit; or its ARN",
                        "slots.green.service: 'x' is not an App Runner service name: use 4 to 40 letters, digits,"
                                + " '_' or '-', starting with a letter or digit; or its ARN",
                        "slots.green.service: the same App Runner service as slots.blue.service: blue and green need"
                                + " separate services");
        assertThat(problems(ROUTE53 + "slots:\n  kind: appRunner\n  blue: {service: api-blue}\n"))
                .containsExactly(
                        "slots.green.service: missing: give the slot's App Runner service name or ARN");
    }

    @Test
    void aSmokeCheckMayNameTheAppRunnerSlotsOwnUrl() {
        String appRunner = ROUTE53 + "slots:\n  kind: appRunner\n  blue: {service: api-blue}\n"
                + "  green: {service: api-green}\n";
        assertThat(problems(appRunner + "smokeChecks:\n  - url: '${slotUrl}/health'\n  - url: '${slotUrl}'\n"))
                .isEmpty();
        assertThat(problems(appRunner + "smokeChecks:\n  - url: 'https://x.example.com/${slotUrl}'\n"
                + "  - url: '${slotUrl}/health'\n    retries: 99\n")).containsExactly(
                        "smokeChecks[0].url: 'https://x.example.com/${slotUrl}' uses ${slotUrl} inside the URL: put it"
                                + " first, followed by the path, e.g. ${slotUrl}/health",
                        "smokeChecks[1].retries: 99 is out of range: use 0..20");
        assertThat(problems(ROUTE53 + "slots:\n  kind: none\nsmokeChecks:\n  - url: '${slotUrl}/health'\n"))
                .containsExactly("smokeChecks[0].url: ${slotUrl} stands for an App Runner service's own URL, and these"
                        + " slots (kind none) have none: write the URL that reaches the new slot, e.g. through the test"
                        + " listener");
    }

    @Test
    void appRunnerCustomMetricsMayUseOnlyThePlaceholdersItsSlotsFill() {
        String appRunner = ROUTE53 + "slots:\n  kind: appRunner\n  blue: {service: api-blue}\n"
                + "  green: {service: api-green}\nanalysis:\n  customMetrics:\n";
        assertThat(problems(appRunner + "    - {name: queue, direction: above, fail: 5, metric: {namespace: Shop,"
                + " metricName: Q, statistic: Maximum, dimensions: {Service: '{service}', Slot: '{slot}'}}}\n"))
                .isEmpty();
        assertThat(problems(appRunner + "    - {name: queue, direction: above, fail: 5, metric: {namespace: Shop,"
                + " metricName: Q, statistic: Maximum, dimensions: {TG: '{targetGroup}'}}}\n"
                + "    - {name: rate, direction: above, fail: 5, expression: 'e / n', metrics: {"
                + "e: {namespace: Shop, metricName: E, statistic: Sum, dimensions: {C: 'x-{cluster}'}},"
                + " n: {namespace: Shop, metricName: N, statistic: Sum}}}\n")).containsExactly(
                        "analysis.customMetrics[0].metric.dimensions.TG: {targetGroup} in '{targetGroup}' names what"
                                + " App Runner slots do not have (an ECS cluster or ALB resources): use {slot} or"
                                + " {service} (the App Runner service's name)",
                        "analysis.customMetrics[1].metrics.e.dimensions.C: {cluster} in 'x-{cluster}' names what App"
                                + " Runner slots do not have (an ECS cluster or ALB resources): use {slot} or {service}"
                                + " (the App Runner service's name)");
    }

    private static String base() {
        return "name: api\nregion: us-east-1\n";
    }

    private static List<String> problems(String yaml) {
        return ConfigValidator.validate(ConfigLoader.parse(base() + yaml, "x")).stream().map(ConfigProblem::toString)
                .toList();
    }
}
