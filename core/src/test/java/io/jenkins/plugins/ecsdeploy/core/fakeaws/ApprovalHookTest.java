package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped lifecycle-hook function's own tests (examples/ecs-native/approval-hook/test_approval_hook.py), run with
 * python3 as part of the build: its decision table, with events and answers as ECS defines them.
 */
class ApprovalHookTest {

    @Test
    void theHooksDecisionTablePasses() throws Exception {
        Process python = new ProcessBuilder("python3", "-B", "-m", "unittest", "-v", "test_approval_hook")
                .directory(ApprovalHookScript.DIRECTORY.toFile()).redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(python.exitValue()).as(out).isZero();
        assertThat(out).contains("Ran 11 tests", "OK").doesNotContain("FAIL", "ERROR");
    }
}
