package io.jenkins.plugins.ecsdeploy.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS SDK finds the code for an assumed-role profile ({@code role_arn} in {@code ~/.aws/config}) and for a web
 * identity token (EKS, CI OIDC) by class name, in its STS module, and fails only when such credentials are used.
 * Nothing in the CLI calls STS, so this test is what keeps the module in the runnable jar.
 */
class CredentialSourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "software.amazon.awssdk.services.sts.internal.StsProfileCredentialsProviderFactory",
        "software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory"})
    void theSdkFindsTheStsCredentialProviders(String className) {
        assertThatCode(() -> Class.forName(className)).doesNotThrowAnyException();
    }
}
