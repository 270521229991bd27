package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecs-deploy deploy --image-tag v1.2.3}: blue/green (optionally with canary stages) to the idle slot. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Deploy an image tag to the idle slot, check it, switch traffic, bake, roll back on failure.")
final class DeployCommand extends DeploymentCommand {

    @Option(names = "--image-tag", required = true, paramLabel = "TAG", description = "Image tag to deploy.")
    String imageTag;

    @Option(names = "--no-promote", description = "Stop after the smoke checks; leave production traffic as it is.")
    boolean noPromote;

    @Option(names = "--stages", split = ",", paramLabel = "PERCENT",
            description = "Canary stages before the switch, e.g. 5,10,25,50,100.")
    List<Integer> stages;

    @Option(names = "--stage-duration", paramLabel = "DURATION", description = "Analysis time per canary stage.")
    Duration stageDuration;

    @Option(names = "--readiness-timeout", paramLabel = "DURATION", description = "Overrides health.readinessTimeout.")
    Duration readinessTimeout;

    @Option(names = "--bake-time", paramLabel = "DURATION", description = "Overrides health.bakeTime.")
    Duration bakeTime;

    @Option(names = "--scale-down-old-after", paramLabel = "DURATION",
            description = "Scale the old slot to 0 this long after a good bake (default: keep it warm).")
    Duration scaleDownOldAfter;

    @Override
    DeploymentRequest request() {
        return DeploymentRequest.deploy(imageTag, user())
                .withPromote(!noPromote)
                .withCanaryStages(stages, stageDuration)
                .withTimings(readinessTimeout, bakeTime, scaleDownOldAfter);
    }
}
