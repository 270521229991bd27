package io.jenkins.plugins.ecsdeploy.runtime;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Turns an environment's credentials id and role into an SDK credentials provider. The AWS credentials come
 * from the credentials store in the build's context (so folder credentials and the build's permissions apply).
 * Without an id, only an environment an administrator defined in Manage Jenkins uses the controller's own identity
 * (instance profile, environment): a folder's environment or a workspace file would otherwise hand the
 * controller's AWS permissions to whoever configures that folder or job. A role is assumed through
 * STS, refreshed by the SDK before it expires. Secrets stay inside the providers: nothing here logs them.
 */
final class AwsAccess implements AutoCloseable {

    static final String SESSION_NAME = "jenkins-ecs-deploy";

    private final AwsCredentialsProvider provider;
    /** What this object created and must close; never the Jenkins credentials themselves. */
    private final List<SdkAutoCloseable> owned;

    private AwsAccess(AwsCredentialsProvider provider, List<SdkAutoCloseable> owned) {
        this.provider = provider;
        this.owned = owned;
    }

    /**
     * @param track whether to record the credentials' use on the build (once per deployment, not per step)
     * @throws AbortException when the credentials id does not resolve in the build's context
     */
    static AwsAccess open(TargetEnvironment target, EnvironmentConfig config, Run<?, ?> run, boolean track)
            throws AbortException {
        AwsCredentialsProvider base;
        List<SdkAutoCloseable> owned = new ArrayList<>();
        String id = target.getCredentialsId();
        if (id == null) {
            if (!target.isControllerIdentityAllowed()) {
                throw new AbortException(Messages.AwsAccess_credentialsRequired(target.source()));
            }
            DefaultCredentialsProvider controllerIdentity = DefaultCredentialsProvider.builder().build();
            owned.add(controllerIdentity);
            base = controllerIdentity;
        } else {
            AmazonWebServicesCredentials credentials =
                    CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class, run, List.of());
            if (credentials == null) {
                throw new AbortException(Messages.AwsAccess_credentialsNotFound(id));
            }
            if (track) {
                CredentialsProvider.track(run, credentials);
            }
            base = credentials;
        }
        if (target.getRoleArn() == null) {
            return new AwsAccess(base, owned);
        }
        // An explicit HTTP client, as core's clients and aws-credentials' own STS client have: the SDK's lookup of
        // one through ServiceLoader uses the thread's context class loader, which in Jenkins is not the plugin's.
        SdkHttpClient http = ApacheHttpClient.builder().build();
        owned.add(http);
        StsClientBuilder builder = StsClient.builder().region(Region.of(config.region())).credentialsProvider(base)
                .httpClient(http);
        if (config.endpointUrl() != null) {
            builder.endpointOverride(URI.create(config.endpointUrl()));
        }
        StsClient sts = builder.build();
        owned.add(sts);
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(target.getRoleArn())
                        .roleSessionName(SESSION_NAME)
                        .externalId(target.getExternalId()))
                .build();
        owned.add(assumed);
        return new AwsAccess(assumed, owned);
    }

    AwsCredentialsProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
    }
}
