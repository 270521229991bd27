package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.StandardConfig;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same commands for an environment steered by Route 53 weighted records (slots of kind none). */
class Route53CommandLineTest {

    @TempDir
    Path dir;
    private CliHarness h;
    private String cfg;
    private String stateDir;

    @BeforeEach
    void start() {
        h = new CliHarness(dir);
        Path file = dir.resolve("api.yaml");
        CliHarness.write(file, StandardConfig.ROUTE53.replace("${endpoint}", h.aws.endpoint()));
        cfg = file.toString();
        stateDir = dir.resolve("runs").toString();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void statusNamesTheLiveSlotFromTheWeightsAndEachRecordsEndpoint() {
        assertThat(h.run("status", "-c", cfg)).isZero();

        assertThat(h.out()).contains("Environment api: traffic blue=100%, green=0%, active slot blue")
                .containsPattern("blue\\s+100%\\s+api-blue\\s+blue.example.net\\s+-\\s+1/1")
                .containsPattern("green\\s+0%\\s+api-green\\s+green.example.net\\s+-\\s+1/1");
        assertThat(h.aws.calls()).allMatch(c -> c.action().startsWith("Get") || c.action().startsWith("List"));
    }

    @Test
    void switchThenRollbackMoveTheWeightsAndSayHowLongResolversCache() {
        assertThat(h.run("switch", "-c", cfg, "--state-dir", stateDir, "--weights", "blue=90,green=10"))
                .as(h.out() + h.err()).isZero();
        assertThat(h.out()).contains("to blue=90%, green=10%: asked Route 53 for it")
                .contains("SUCCEEDED: Traffic is now blue=90%, green=10%, verified on the weighted records;"
                        + " resolvers may answer with the previous weights for up to 60 s (the records' TTL).");
        assertThat(h.aws.recordSplit()).isEqualTo(new TrafficSplit(90, 10));

        assertThat(h.run("rollback", "-c", cfg, "--state-dir", stateDir, "--reason", "test")).isZero();
        assertThat(h.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
        assertThat(h.aws.calls("ChangeResourceRecordSets")).hasSize(2);
    }

    @Test
    void deployIsRefusedAsBadInputBeforeAnyCall() {
        int code = h.run("deploy", "-c", cfg, "--state-dir", stateDir, "--image-tag", "v2");

        assertThat(code).isNotZero();
        assertThat(h.out() + h.err()).contains("slots of kind none: there is nothing to deploy to");
        assertThat(h.aws.calls()).isEmpty();
    }

    @Test
    void weightsThatDoNotAddUpAreRefusedBeforeAnyCall() {
        int code = h.run("switch", "-c", cfg, "--state-dir", stateDir, "--weights", "blue=90,green=20");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(h.err()).contains("must add up to 100 percent").contains("blue=90 + green=20 = 110");
        assertThat(h.aws.calls()).isEmpty();
        assertThat(h.aws.recordSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void statusOfAppRunnerSlotsShowsEachServicesImageStatusAndUrl() {
        Path file = dir.resolve("api-apprunner.yaml");
        CliHarness.write(file, StandardConfig.APP_RUNNER.replace("${endpoint}", h.aws.endpoint()));
        h.aws.edit(s -> s.appRunnerServices.get(FakeAws.APP_RUNNER_GREEN_ARN).status = "PAUSED");

        assertThat(h.run("status", "-c", file.toString())).as(h.out() + h.err()).isZero();

        assertThat(h.out()).containsPattern("blue\\s+100%\\s+api-blue\\s+" + FakeAws.APP_RUNNER_IMAGE.replace(".",
                "\\.") + "\\s+-\\s+1/1")
                .contains("blue: https://api-blue.us-east-1.awsapprunner.com (service RUNNING)")
                .contains("green: https://api-green.us-east-1.awsapprunner.com (service PAUSED)");
        assertThat(h.aws.calls()).allMatch(c -> c.action().startsWith("Get") || c.action().startsWith("List")
                || c.action().startsWith("Describe"));
    }
}
