package io.jenkins.plugins.ecsdeploy.cli;

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

    @Override
    DeploymentRequest request() {
        if (target.slot != null) {
            return DeploymentRequest.switchTo(TrafficSplit.allTo(target.slot), user());
        }
        return DeploymentRequest.switchTo(TrafficSplit.parse(target.weights), user());
    }
}
