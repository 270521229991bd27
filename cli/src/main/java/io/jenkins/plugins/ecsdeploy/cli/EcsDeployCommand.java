package io.jenkins.plugins.ecsdeploy.cli;

import picocli.CommandLine.Command;

/** The top-level command; exit codes are in {@link ExitCodes}. */
@Command(name = "ecs-deploy", mixinStandardHelpOptions = true, version = "ecs-deploy 0.1.0",
        description = "Blue/green and canary deployments of ECS services behind an Application Load Balancer.",
        subcommands = {StatusCommand.class, DeployCommand.class, CanaryCommand.class, SwitchCommand.class,
            RollbackCommand.class, ResumeCommand.class, UnlockCommand.class, ValidateCommand.class,
            DashboardCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:succeeded (or deployed without promotion)",
            "1:failed before traffic moved; traffic unchanged",
            "2:bad arguments or invalid config; nothing called in AWS",
            "3:failed after traffic moved; rolled back and verified",
            "4:rollback failed or no healthy slot: act now",
            "5:AWS error while reading status",
            "6:another deployment holds the lock; nothing changed"})
final class EcsDeployCommand {
}
