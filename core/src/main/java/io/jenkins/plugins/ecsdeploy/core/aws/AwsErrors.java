package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link AwsFailure}s whose message says what was called, on which resource, and what to
 * do about it. Messages are built from the action, the resource and AWS's own error text, never from credentials.
 */
public final class AwsErrors {

    private static final Set<String> ACCESS_DENIED = Set.of(
            "AccessDenied", "AccessDeniedException", "UnauthorizedOperation");

    private static final Set<String> BAD_CREDENTIALS = Set.of(
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch",
            "InvalidSignatureException", "ExpiredToken", "ExpiredTokenException", "AuthFailure");

    private AwsErrors() {
    }

    /**
     * Makes one AWS call (the SDK retries it as configured) and translates its failure.
     *
     * @param iamAction the IAM action, e.g. {@code elasticloadbalancing:ModifyRule}
     * @param resource the name or ARN the call is about
     * @param configField the config field the resource came from, named in not-found messages; may be null
     * @throws AwsFailure when the call failed for good
     */
    public static <T> T call(String iamAction, String resource, String configField, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(e, iamAction, resource, configField);
        }
    }

    /** The failure to report for {@code e}; see {@link #call}. */
    public static AwsFailure translate(SdkException e, String iamAction, String resource, String configField) {
        String operation = iamAction.substring(iamAction.indexOf(':') + 1);
        if (!(e instanceof AwsServiceException service) || service.awsErrorDetails() == null) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            return new AwsFailure(operation, null, false, "Could not complete " + iamAction + " on " + resource
                    + ": " + (reason.endsWith(".") ? reason : reason + ".") + " Check the region, the endpoint URL,"
                    + " the network and that credentials are available.", e);
        }
        String code = service.awsErrorDetails().errorCode();
        String said = awsSaid(service);
        if (code != null && ACCESS_DENIED.contains(code) || code == null && service.statusCode() == 403) {
            return new AwsFailure(operation, code, true, "AWS denied " + iamAction + " on " + resource
                    + ": grant it to the credentials' role." + said, e);
        }
        if (code != null && BAD_CREDENTIALS.contains(code)) {
            return new AwsFailure(operation, code, false, "AWS rejected the credentials used for " + iamAction
                    + " on " + resource + " (" + code + "): refresh them (an expired session?) or check that"
                    + " they belong to this account and region." + said, e);
        }
        if (isNotFound(code)) {
            String fix = configField == null ? "check that it exists in this account and region"
                    : "check " + configField + " in the environment config, and the region";
            return new AwsFailure(operation, code, false, iamAction + " failed: " + resource + " was not found ("
                    + code + "): " + fix + "." + said, e);
        }
        if (service.isThrottlingException()) {
            return new AwsFailure(operation, code, false, "AWS throttled " + iamAction + " on " + resource
                    + " (" + code + ") even after " + attempts(e) + ": try again in a minute, or raise the retry"
                    + " limits if other tools share this account's API rate." + said, e);
        }
        String check = configField != null && service.statusCode() == 400
                ? " Check " + configField + " in the environment config." : "";
        String status = code == null ? "HTTP " + service.statusCode() : code + " (HTTP " + service.statusCode() + ")";
        return new AwsFailure(operation, code, false, iamAction + " on " + resource + " failed with " + status + "."
                + check + said, e);
    }

    /** Whether AWS's error code says a request named something malformed, such as an ARN of the wrong form. */
    static boolean isInvalidInput(String code) {
        return "ValidationError".equals(code) || "InvalidParameterException".equals(code)
                || "InvalidInput".equals(code);
    }

    /** Whether AWS's error code says the named resource does not exist. */
    static boolean isNotFound(String code) {
        return code != null && (code.endsWith("NotFound") || code.endsWith("NotFoundException")
                || code.equals("ServiceNotActiveException") || code.startsWith("NoSuch")
                || code.endsWith("DoesNotExistException"));
    }

    private static String awsSaid(AwsServiceException e) {
        String message = e.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? "" : " AWS said: " + message;
    }

    private static String attempts(SdkException e) {
        Integer n = e.numAttempts();
        return n == null ? "the SDK's retries" : n + (n == 1 ? " attempt" : " attempts");
    }
}
