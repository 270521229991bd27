package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsEngines;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.DeploymentLock;
import io.jenkins.plugins.ecsdeploy.core.engine.port.LockHolder;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecs-deploy unlock --force --reason "..."}: breaks the environment's deployment lock, left by a run that
 * died (a killed CI agent, a lost controller), and prints whose it was. Without {@code --force} it only shows the
 * lock, and needs no reason (exit code 6 when one is held): breaking the lock of a live run lets two deployments
 * steer one listener.
 */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = "Break the environment's deployment lock, left by a run that died; prints whose it was.")
final class UnlockCommand extends ConfigCommand {

    @Option(names = "--force", description = "Really break the lock (without it, only show who holds it).")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why the lock is broken (needed with --force); recorded on the listener next to the lock.")
    String reason;

    @Override
    public Integer call() {
        if (force && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("--reason: say why the lock is broken, for its holder"
                    + " (--force --reason \"agent died\").");
        }
        EnvironmentConfig config = common.loadConfig();
        Printer printer = common.printer(runtime);
        try (AwsClients clients = common.clients(config, runtime)) {
            DeploymentLock lock = AwsEngines.lock(config, clients);
            if (!force) {
                Optional<LockHolder> held = lock.current();
                printer.message(held.map(h -> "The deployment lock on " + lock.resource() + " is held by "
                        + h.describe() + ". Make sure that run is dead, then add --force to break it.")
                        .orElse("No deployment lock on " + lock.resource() + "; nothing to break."));
                return held.isPresent() ? ExitCodes.LOCK_HELD : ExitCodes.OK;
            }
            Optional<LockHolder> broken = lock.breakLock(RunningCommand.user(), reason, runtime.clock().instant());
            printer.unlocked(lock.resource(), broken.orElse(null), reason.strip());
            return ExitCodes.OK;
        }
    }
}
