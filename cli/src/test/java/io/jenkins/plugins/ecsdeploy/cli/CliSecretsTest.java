package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import io.jenkins.plugins.ecsdeploy.core.secrets.LeakCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line run with recognisable credentials, in text and JSON, through success, failure, AccessDenied,
 * rollback, a held lock and unlock: its output, its error stream and the state and record files it writes never
 * hold them.
 */
class CliSecretsTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void start() {
        cli = new CliHarness(dir, LeakCheck.credentials());
    }

    @AfterEach
    void stop() throws IOException {
        try {
            LeakCheck.assertRequestsCarryOnlySignatures(cli.aws);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(cli.stateDir())) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("state and record files").isNotEmpty();
            for (Path file : files) {
                LeakCheck.assertClean(file.getFileName().toString(), Files.readString(file));
            }
        } finally {
            cli.close();
        }
    }

    /** Runs a command in text and in JSON mode; checks what each printed on either stream. */
    private void runBoth(int expectedCode, String... args) {
        for (boolean json : new boolean[] {false, true}) {
            String[] line = json ? Stream.concat(Stream.of(args), Stream.of("--json")).toArray(String[]::new) : args;
            int code = cli.run(line);
            String label = String.join(" ", line);
            assertThat(code).as(label + "\n" + cli.out() + cli.err()).isEqualTo(expectedCode);
            LeakCheck.assertClean(label + " output", cli.out() + cli.err());
        }
    }

    private String[] deploy(String... more) {
        return Stream.concat(Stream.of("deploy", "-c", cli.config.toString(), "--state-dir",
                cli.stateDir().toString()), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void statusDeployAndRollback() {
        runBoth(ExitCodes.OK, "status", "-c", cli.config.toString());
        runBoth(ExitCodes.OK, deploy("--image-tag", "v2"));
        runBoth(ExitCodes.OK, "rollback", "-c", cli.config.toString(), "--state-dir", cli.stateDir().toString(),
                "--reason", "drill");
    }

    @Test
    void accessDenied() {
        cli.aws.injectAlways("UpdateService", Fault.ACCESS_DENIED);
        runBoth(ExitCodes.FAILED, deploy("--image-tag", "v2"));
        assertThat(cli.out()).contains("ecs:UpdateService");

        cli.aws.injectAlways("DescribeServices", Fault.ACCESS_DENIED);
        runBoth(ExitCodes.AWS_ERROR, "status", "-c", cli.config.toString());
        assertThat(cli.err()).contains("denied");
    }

    @Test
    void rolledBackAfterTheListenerIgnoredTheSwitch() {
        cli.aws.ignoreWrites("ModifyListener");
        runBoth(ExitCodes.ROLLED_BACK, deploy("--image-tag", "v2"));
    }

    @Test
    void heldLockAndUnlock() {
        runBoth(ExitCodes.OK, deploy("--image-tag", "v2", "--no-promote"));
        cli.aws.edit(s -> s.tags.computeIfAbsent(FakeAws.LISTENER_ARN, k -> new java.util.LinkedHashMap<>())
                .put("ecs-deploy:lock", "d-x alice 2026-11-23T09:59:00Z 2026-11-23T10:29:00Z jenkins@ci"));
        runBoth(ExitCodes.LOCK_HELD, deploy("--image-tag", "v3"));
        runBoth(ExitCodes.LOCK_HELD, "unlock", "-c", cli.config.toString(), "--reason", "agent died");
        runBoth(ExitCodes.OK, "unlock", "-c", cli.config.toString(), "--force", "--reason", "agent died");
    }

    @Test
    void badInputErrors() {
        runBoth(ExitCodes.OK, deploy("--image-tag", "v2", "--no-promote"));
        runBoth(ExitCodes.USAGE, deploy("--image-tag", "bad tag!"));
        CliHarness.write(cli.dir.resolve("broken.yaml"), "name: x\nregion: nowhere\n");
        runBoth(ExitCodes.USAGE, "status", "-c", cli.dir.resolve("broken.yaml").toString());
    }
}
