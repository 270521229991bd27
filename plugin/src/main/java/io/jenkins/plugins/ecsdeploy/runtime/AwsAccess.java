package io.jenkins.plugins.ecsdeploy.runtime;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.ecsdeploy.Messages;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.aws.AwsConnection;
import io.jenkins.plugins.ecsdeploy.core.aws.RetrySettings;
import io.jenkins.plugins.ecsdeploy.core.aws.SharedAwsResources;
import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Leases AWS clients for a deployment's environment. The AWS credentials come from the credentials store in the
 * build's context (so folder credentials and the build's permissions apply). Without an id, only an environment an
 * administrator defined in Manage Jenkins and allowed to do so uses the controller's own identity (instance
 * profile, environment). A role is assumed through STS with a session name naming the job and build, so
 * CloudTrail shows which build acted. Secrets stay inside the providers: nothing here logs them.
 */
final class AwsAccess {

    /** Controller identity: one provider for the JVM, compared by identity in cache keys. */
    private static final Object CONTROLLER_IDENTITY = new Object();

    private AwsAccess() {
    }

    /**
     * @param track record the credentials' use on the build (once per deployment, not per step)
     * @throws AbortException when the credentials id does not resolve in the build's context
     */
    static AwsClientCache.Lease lease(TargetEnvironment target, EnvironmentConfig config, Run<?, ?> run,
            boolean track) throws AbortException {
        String id = target.getCredentialsId();
        AmazonWebServicesCredentials credentials = null;
        if (id == null) {
            if (!target.isControllerIdentityAllowed()) {
                throw new AbortException(Messages.AwsAccess_credentialsRequired(target.source()));
            }
        } else {
            credentials = CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class, run,
                    List.of());
            if (credentials == null) {
                throw new AbortException(Messages.AwsAccess_credentialsNotFound(id));
            }
            if (track) {
                CredentialsProvider.track(run, credentials);
            }
        }
        String session = target.getRoleArn() == null ? null : RoleSessionName.of(run);
        AwsClientCache.Key key = new AwsClientCache.Key(
                new AwsClientCache.IdentityOf(credentials != null ? credentials : CONTROLLER_IDENTITY),
                target.getRoleArn(), target.getExternalId(), session, config.region(), config.endpointUrl());
        AmazonWebServicesCredentials base = credentials;
        return AwsClientCache.lease(key, () -> open(target, config, base, session));
    }

    private static AwsClientCache.Opened open(TargetEnvironment target, EnvironmentConfig config,
            AmazonWebServicesCredentials credentials, String session) {
        SharedAwsResources shared = SharedRuntime.get().aws();
        List<SdkAutoCloseable> owned = new ArrayList<>();
        AwsCredentialsProvider provider;
        if (credentials != null) {
            provider = credentials;
        } else {
            DefaultCredentialsProvider controllerIdentity = DefaultCredentialsProvider.builder().build();
            owned.add(controllerIdentity);
            provider = controllerIdentity;
        }
        if (target.getRoleArn() != null) {
            // The shared HTTP client also for STS: the SDK's own lookup of one through ServiceLoader uses the
            // thread's context class loader, which in Jenkins is not the plugin's.
            StsClientBuilder builder = StsClient.builder().region(Region.of(config.region()))
                    .credentialsProvider(provider)
                    .httpClient(shared.http())
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .scheduledExecutorService(shared.scheduler()).build());
            if (config.endpointUrl() != null) {
                builder.endpointOverride(URI.create(config.endpointUrl()));
            }
            StsClient sts = builder.build();
            owned.add(sts);
            StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(sts)
                    .refreshRequest(r -> r.roleArn(target.getRoleArn())
                            .roleSessionName(session)
                            .externalId(target.getExternalId()))
                    .build();
            owned.add(assumed);
            provider = assumed;
        }
        AwsClients clients = AwsClients.create(
                new AwsConnection(config.region(), config.endpointUrl(), provider, RetrySettings.defaults()), shared);
        return new AwsClientCache.Opened(clients, owned);
    }
}
