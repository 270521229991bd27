package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecs-deploy rollback}: all traffic to the previous slot, scaling it up first if needed. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Move all traffic to the other slot (or --to), scaling it back up first if it was scaled down.")
final class RollbackCommand extends DeploymentCommand {

    @Option(names = "--to", paramLabel = "SLOT", converter = SlotConverter.class,
            description = "Slot to roll back to (default: the slot not receiving traffic, or the canary's stable one).")
    Slot slot;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
    String reason;

    @Override
    DeploymentRequest request() {
        return DeploymentRequest.rollback(slot, user(), reason);
    }
}
