package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.CloudWatchDashboards;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigValidator;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import picocli.CommandLine.Command;

/** {@code ecs-deploy dashboard}: create or update the environment's CloudWatch dashboard. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Create or update the environment's CloudWatch dashboard, generated from the environment file; "
                + "a second run changes nothing.")
final class DashboardCommand extends ConfigCommand {

    @Override
    public Integer call() {
        EnvironmentConfig config = common.loadConfig();
        ConfigValidator.requireValid(config);
        try (AwsClients clients = common.clients(config, runtime)) {
            CloudWatchDashboards.Result result = CloudWatchDashboards.publish(config, clients);
            common.printer(runtime).dashboard(result, config.endpointUrl() == null
                    ? consoleUrl(config.region(), result.name()) : null);
            return ExitCodes.OK;
        }
    }

    /** Where the dashboard opens in the AWS console of the region's partition. */
    static String consoleUrl(String region, String name) {
        String console = region.startsWith("cn-") ? "https://console.amazonaws.cn"
                : region.startsWith("us-gov-") ? "https://console.amazonaws-us-gov.com"
                : "https://console.aws.amazon.com";
        return console + "/cloudwatch/home?region=" + region + "#dashboards/dashboard/" + name;
    }
}
