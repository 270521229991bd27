package io.jenkins.plugins.ecsdeploy.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.Outcome;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input about the weighted records, at the fake's wire: each is refused with what is wrong and what to do, and
 * nothing is written anywhere (no record change, no lock tag, no App Runner operation): only reads were made.
 */
class Route53BadInputTest {

    @RegisterExtension
    final FakeAwsRuns fake = new FakeAwsRuns();

    @Test
    void aSetIdentifierThatDoesNotExistIsNamedWithTheOnesThatDo() {
        EnvironmentConfig config = config(StandardConfig.ROUTE53.replace("green: api-green}", "green: api-grene}"));

        assertThat(refusal(fake.runs.run(config, switchToGreen())))
                .contains("route53.setIdentifiers.green: no CNAME record api.example.com. has set"
                        + " identifier 'api-grene'; those there are: 'api-blue', 'api-green'.");
        assertOnlyReads();
    }

    @Test
    void aRecordThatIsNotWeightedIsRefusedWithTheFix() {
        fake.aws.edit(s -> s.hostedZones.get(FakeAws.HOSTED_ZONE_ID).records.forEach(r -> {
            r.weight = null;
            r.setIdentifier = null;
        }));
        fake.aws.edit(s -> s.hostedZones.get(FakeAws.HOSTED_ZONE_ID).records.remove(1));

        assertThat(refusal(fake.runs.run(config(StandardConfig.ROUTE53), switchToGreen())))
                .contains("route53.setIdentifiers.blue: no CNAME record api.example.com. has set"
                        + " identifier 'api-blue'; those there are: none (the record is not weighted)");
        assertOnlyReads();
    }

    @Test
    void aCanaryRefusesATtlAboveTheStatedMaximumBeforeAnyWrite() {
        fake.aws.edit(s -> s.hostedZones.get(FakeAws.HOSTED_ZONE_ID).records.forEach(r -> r.ttl = 600L));

        DeploymentState s = fake.runs.run(config(StandardConfig.ROUTE53), DeploymentRequest.canary(List.of(10, 100),
                Duration.ofMinutes(10), Slot.GREEN, "alice"));

        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(s.getRecord().getOutcomeMessage()).contains("The records' TTL is 600 s, above the 300 s a canary"
                + " allows").contains("Lower the TTL of both weighted records (60 s is usual)");
        assertOnlyReads();
        assertThat(fake.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void anAppRunnerServiceThatDoesNotExistIsNamedBeforeAnyWrite() {
        EnvironmentConfig config = config(StandardConfig.APP_RUNNER.replace("green: {service: api-green}",
                "green: {service: api-gren}"));

        assertThat(refusal(fake.runs.run(config, DeploymentRequest.deploy("v2.0.0", "alice"))))
                .contains("slots.green.service: no App Runner service named 'api-gren' in this account"
                        + " and region");
        assertOnlyReads();
    }

    /** The message of a run that failed. */
    private String refusal(DeploymentState s) {
        assertThat(s.getRecord().getOutcome()).as(String.join("\n", fake.runs.log)).isEqualTo(Outcome.FAILED);
        return s.getRecord().getOutcomeMessage();
    }

    private static DeploymentRequest switchToGreen() {
        return DeploymentRequest.switchTo(TrafficSplit.allTo(Slot.GREEN), "alice");
    }

    private EnvironmentConfig config(String yaml) {
        return ConfigLoader.parse(yaml.replace("${endpoint}", fake.aws.endpoint()), "test");
    }

    /** Every call was a read: Get, List or Describe. */
    private void assertOnlyReads() {
        assertThat(fake.aws.calls()).isNotEmpty().extracting(Call::action).allMatch(a -> a.startsWith("Get")
                || a.startsWith("List") || a.startsWith("Describe"));
    }
}
