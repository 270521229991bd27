package io.jenkins.plugins.ecsdeploy.cli;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.config.ConfigLoader;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/** Options every command takes: the environment file, where AWS is, and how to print. */
final class CommonOptions {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Environment file (YAML), see docs/configuration.md.")
    Path config;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (an emulator such as moto); overrides the file.")
    String endpointUrl;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile from ~/.aws/config; default: the SDK's default credentials chain.")
    String profile;

    @Option(names = "--json", description = "Print JSON lines instead of text.")
    boolean json;

    EnvironmentConfig loadConfig() {
        EnvironmentConfig c = ConfigLoader.load(config);
        if (endpointUrl == null) {
            return c;
        }
        return c.withEndpointUrl(endpointUrl);
    }

    AwsClients clients(EnvironmentConfig config, CliRuntime runtime) {
        AwsCredentialsProvider credentials = runtime.credentials();
        if (profile != null) {
            credentials = ProfileCredentialsProvider.builder().profileName(profile).build();
        }
        return AwsClients.create(new AwsConnection(config.region(), config.endpointUrl(), credentials,
                RetrySettings.defaults()));
    }

    Printer printer(CliRuntime runtime) {
        return json ? new JsonPrinter(runtime.out()) : new TextPrinter(runtime.out());
    }
}
