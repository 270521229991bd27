package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.config.DurationText;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryRequest;
import io.jenkins.plugins.ecsdeploy.core.engine.request.CanaryStages;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecs-deploy canary --percent 10 --duration 5m}: one canary stage, or a plan ({@code --stages} or
 * {@code --step}), on the slot that already runs the new version (after {@code deploy --no-promote}).
 */
@Command(name = "canary", mixinStandardHelpOptions = true,
        description = "Shift a share of traffic to the canary slot and analyse it; stages pass, or traffic goes back.")
final class CanaryCommand extends DeploymentCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Plan plan;

    @Option(names = "--slot", paramLabel = "SLOT", converter = SlotConverter.class,
            description = "The canary slot (default: the slot with less traffic).")
    Slot slot;

    static final class Plan {
        @ArgGroup(exclusive = false)
        Single single;
        @ArgGroup(exclusive = false)
        Staged staged;
        @ArgGroup(exclusive = false)
        Linear linear;
    }

    static final class Single {
        @Option(names = "--percent", required = true, description = "Canary share for one stage.")
        int percent;
        @Option(names = "--duration", required = true, paramLabel = "DURATION", description = "Stage duration.")
        Duration duration;
    }

    static final class Staged {
        @Option(names = "--stages", required = true, paramLabel = "CSV", description = "e.g. 5,10,25,50,100")
        String stages;
        @Option(names = "--stage-duration", required = true, paramLabel = "DURATION")
        Duration duration;
    }

    static final class Linear {
        @Option(names = "--step", required = true, description = "Linear step in percent, e.g. 10.")
        int step;
        @Option(names = "--interval", required = true, paramLabel = "DURATION", description = "Time per step.")
        Duration interval;
    }

    @Option(names = "--expect-image", paramLabel = "IMAGE",
            description = "Refuse, before any change, unless the canary slot runs IMAGE (a tag such as v1.2.3, or a"
                    + " whole reference).")
    String expectedImage;

    @Override
    DeploymentRequest request() {
        CanaryStages stages;
        if (plan.single != null) {
            stages = CanaryStages.stages(List.of(plan.single.percent), plan.single.duration);
        } else if (plan.staged != null) {
            stages = CanaryStages.parse(plan.staged.stages, DurationText.format(plan.staged.duration));
        } else {
            stages = CanaryStages.linear(plan.linear.step, plan.linear.interval);
        }
        return new CanaryRequest(stages, slot, user()).withExpectedImage(expectedImage);
    }
}
