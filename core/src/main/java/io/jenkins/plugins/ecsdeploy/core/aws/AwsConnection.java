package io.jenkins.plugins.ecsdeploy.core.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and as whom the adapters talk to AWS.
 *
 * @param region AWS region, e.g. {@code eu-west-1}
 * @param endpointUrl endpoint for every service (an emulator such as moto, or a test fake), or null for AWS
 * @param credentials where credentials come from; null means the SDK's default chain (environment, profile,
 *     container or instance role)
 * @param retry retry and timeout settings; null means {@link RetrySettings#defaults()}
 */
public record AwsConnection(String region, String endpointUrl, AwsCredentialsProvider credentials,
        RetrySettings retry) {

    public AwsConnection {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region: the AWS region is not set; set the environment's 'region'"
                    + " key, such as eu-west-1.");
        }
        region = region.trim();
        if (endpointUrl != null && endpointUrl.isBlank()) {
            endpointUrl = null;
        }
        if (endpointUrl != null) {
            endpointUrl = endpointUrl.trim();
            requireHttpUrl(endpointUrl);
        }
        retry = Objects.requireNonNullElseGet(retry, RetrySettings::defaults);
    }

    /** Shows where the connection goes, never the credentials themselves. */
    @Override
    public String toString() {
        String source = credentials == null ? "default chain" : credentials.getClass().getSimpleName();
        return "AwsConnection[region=" + region + ", endpointUrl=" + endpointUrl + ", credentials=" + source
                + ", retry=" + retry + "]";
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("Endpoint URL '" + url
                        + "' must be an http or https URL with a host, e.g. http://localhost:5000.");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("Endpoint URL for host " + uri.getHost()
                        + " must not carry a user name or password: pass credentials separately.");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Endpoint URL '" + url + "' is not a valid URL ("
                    + e.getReason() + "): write it like http://localhost:5000.", e);
        }
    }
}
