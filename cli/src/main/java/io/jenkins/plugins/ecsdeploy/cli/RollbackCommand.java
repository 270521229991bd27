package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
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

    @Option(names = "--expect-image", paramLabel = "IMAGE",
            description = "Refuse, before any change, unless the slot traffic returns to runs IMAGE (a tag such as"
                    + " v1.2.3, or a whole reference).")
    String expectedImage;

    @Override
    DeploymentRequest request() {
        return DeploymentRequest.rollback(slot, user(), reason).withExpectedImage(expectedImage);
    }

    /** The emergency path reuses the names the newest run of this environment resolved, kept in its state. */
    @Override
    DeploymentState previousRun(EnvironmentConfig config) {
        return StateFiles.latestResolved(run.stateDir, config.name());
    }
}
