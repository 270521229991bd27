package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.aws.LockTag;
import io.jenkins.plugins.ecsdeploy.core.engine.LockSettings;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.SdkClients;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit code 6 when another run holds the lock, and {@code unlock} to break a dead run's lock. */
class UnlockCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void start() {
        cli = new CliHarness(dir, SdkClients.credentials());
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private void lockedBy(String id, String owner) {
        String value = LockTag.encode(LockHolder.forRun(id, owner, "jenkins@ci", CliHarness.START.minusSeconds(60),
                LockSettings.DEFAULT_TTL));
        cli.aws.edit(s -> s.tags.computeIfAbsent(FakeAws.LISTENER_ARN, k -> new LinkedHashMap<>())
                .put(LockTag.KEY, value));
    }

    private String lockTag() {
        return cli.aws.tags(FakeAws.LISTENER_ARN).get(LockTag.KEY);
    }

    @Test
    void aHeldLockExitsWithSixNamingTheHolderAndChangesNothing() {
        lockedBy("d-ci-41", "alice");

        int code = cli.run("switch", "-c", cli.config.toString(), "--state-dir", cli.stateDir().toString(),
                "--to", "green");

        assertThat(code).as(cli.out() + cli.err()).isEqualTo(ExitCodes.LOCK_HELD);
        assertThat(cli.out()).contains("FAILED: Another deployment holds the lock").contains("deployment d-ci-41")
                .contains("started by alice").contains("on jenkins@ci").contains("ecs-deploy unlock");
        assertThat(cli.aws.calls("ModifyListener")).isEmpty();
        // A switch takes no lock: it read the holder's and wrote nothing; that lock is untouched.
        assertThat(cli.aws.calls("AddTags")).isEmpty();
        assertThat(cli.aws.tags(FakeAws.LISTENER_ARN)).containsOnlyKeys(LockTag.KEY);
        assertThat(LockTag.decode(lockTag()).deploymentId()).isEqualTo("d-ci-41");
        assertThat(cli.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
    }

    @Test
    void theJsonResultCarriesExitCodeSix() {
        lockedBy("d-ci-41", "alice");

        int code = cli.run("switch", "-c", cli.config.toString(), "--state-dir", cli.stateDir().toString(),
                "--to", "green", "--json");

        assertThat(code).isEqualTo(6);
        assertThat(cli.out()).contains("\"type\":\"result\"").contains("\"exitCode\":6");
    }

    @Test
    void withoutForceUnlockOnlyShowsTheHolder() {
        lockedBy("d-ci-41", "alice");

        int code = cli.run("unlock", "-c", cli.config.toString());

        assertThat(code).as("no reason needed to look").isEqualTo(ExitCodes.LOCK_HELD);
        assertThat(cli.out()).contains("held by deployment d-ci-41 started by alice").contains("--force");
        assertThat(LockTag.decode(lockTag()).deploymentId()).isEqualTo("d-ci-41");
        assertThat(cli.aws.calls("RemoveTags")).isEmpty();
    }

    @Test
    void unlockWithForceBreaksTheLockAndSaysWhoseItWas() {
        lockedBy("d-ci-41", "alice");

        int code = cli.run("unlock", "-c", cli.config.toString(), "--force", "--reason", "agent died");

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Broke the deployment lock on " + FakeAws.LISTENER_ARN)
                .contains("deployment d-ci-41 started by alice on jenkins@ci").contains("Reason recorded: agent died");
        assertThat(lockTag()).isNull();
        assertThat(cli.aws.tags(FakeAws.LISTENER_ARN).get(LockTag.BROKEN_KEY)).contains("d-ci-41")
                .contains("agent+20died");

        int deploy = cli.run("deploy", "-c", cli.config.toString(), "--state-dir", cli.stateDir().toString(),
                "--image-tag", "v2");
        assertThat(deploy).as(cli.out()).isEqualTo(ExitCodes.OK);
        LockHolder taken = LockTag.decode(cli.aws.calls("AddTags").get(1).param("Tags.member.1.Value"));
        assertThat(taken.where()).isEqualTo("cli@" + LockSettings.localHost());
        assertThat(lockTag()).isNull();
    }

    @Test
    void unlockInJsonNamesTheBrokenHolder() {
        lockedBy("d-ci-41", "alice");

        int code = cli.run("unlock", "-c", cli.config.toString(), "--force", "--reason", "agent died", "--json");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("\"type\":\"unlock\"").contains("\"deploymentId\":\"d-ci-41\"")
                .contains("\"owner\":\"alice\"").contains("\"reason\":\"agent died\"");
    }

    @Test
    void unlockWithoutALockSaysSo() {
        int code = cli.run("unlock", "-c", cli.config.toString(), "--force", "--reason", "tidy up");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("No deployment lock on " + FakeAws.LISTENER_ARN);
        assertThat(cli.aws.calls("RemoveTags")).isEmpty();
    }

    @Test
    void unlockNeedsAReason() {
        assertThat(cli.run("unlock", "-c", cli.config.toString(), "--force")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--reason");
        assertThat(cli.aws.calls()).isEmpty();
    }
}
