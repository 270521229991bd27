package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.CodeDeploySeed;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} of a CodeDeploy environment: each slot's row names the task set behind its target group. */
class CodeDeployStatusLineTest {

    @TempDir
    Path dir;
    private CliHarness h;
    private String cfg;

    @BeforeEach
    void start() {
        h = new CliHarness(dir);
        h.aws.edit(CodeDeploySeed::seed);
        Path file = dir.resolve("web-cd.yaml");
        CliHarness.write(file, CodeDeploySeed.CONFIG.replace("${endpoint}", h.aws.endpoint()));
        cfg = file.toString();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void theLiveSlotShowsItsTaskSetAndTheOtherThatItRunsNone() {
        assertThat(h.run("status", "-c", cfg)).as(h.out() + h.err()).isZero();

        assertThat(h.out()).contains("Environment web-cd: traffic blue=100%, green=0%, active slot blue")
                .containsPattern("blue\\s+100%\\s+web task set ecs-svc/0000000000000000001\\s+v1\\.0\\.0\\s+1\\s+2/2")
                .containsPattern("green\\s+0%\\s+web \\(no task set\\)\\s+-\\s+-\\s+0/0");
    }
}
