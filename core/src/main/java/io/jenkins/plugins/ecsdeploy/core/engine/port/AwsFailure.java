package io.jenkins.plugins.ecsdeploy.core.engine.port;

/**
 * An AWS call that failed after the SDK's own retries, with a message that names the call, the resource and,
 * where one is known, the fix (for example the IAM action to grant). Adapters throw only this for AWS errors.
 */
public class AwsFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String errorCode;
    private final boolean accessDenied;

    public AwsFailure(String operation, String errorCode, boolean accessDenied, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.accessDenied = accessDenied;
    }

    /** The AWS API action, e.g. {@code ModifyListener}. */
    public String operation() {
        return operation;
    }

    /** AWS's error code, e.g. {@code AccessDenied}, {@code ListenerNotFound}; null for transport failures. */
    public String errorCode() {
        return errorCode;
    }

    public boolean isAccessDenied() {
        return accessDenied;
    }
}
