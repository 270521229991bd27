package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.DeploymentState;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecs-deploy switch --to green} or {@code --weights blue=90,green=10}, verified by reading back. */
@Command(name = "switch", mixinStandardHelpOptions = true,
        description = "Set the production split, then read it back and fail if AWS does not show it.")
final class SwitchCommand extends DeploymentCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to", paramLabel = "SLOT", converter = SlotConverter.class, description = "blue or green")
        Slot slot;
        @Option(names = "--weights", paramLabel = "SPLIT", description = "e.g. blue=90,green=10 (percent)")
        String weights;
    }

    @Option(names = "--expect-image", paramLabel = "IMAGE",
            description = "Refuse, before any change, unless the slot gaining traffic runs IMAGE (a tag such as"
                    + " v1.2.3, or a whole reference).")
    String expectedImage;

    @Override
    DeploymentRequest request() {
        TrafficSplit split = target.slot != null ? TrafficSplit.allTo(target.slot) : TrafficSplit.parse(target.weights);
        return DeploymentRequest.switchTo(split, user()).withExpectedImage(expectedImage);
    }

    /** A switch reuses the names the newest run of this environment resolved: its listener read checks them. */
    @Override
    DeploymentState previousRun(EnvironmentConfig config) {
        return StateFiles.latestResolved(run.stateDir, config.name());
    }
}
