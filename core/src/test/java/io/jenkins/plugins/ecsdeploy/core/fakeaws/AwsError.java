package io.jenkins.plugins.ecsdeploy.core.fakeaws;

/**
 * An error reply the fake sends the way AWS would: HTTP status, error code and message. For protocols that name
 * an error by its model shape (RPC v2 CBOR), {@code shape} is that name where it differs from the Query code, as
 * with CloudWatch's {@code DashboardNotFoundError}, whose Query code is {@code ResourceNotFound}.
 */
final class AwsError extends RuntimeException {

    private final int status;
    private final String code;
    private final String shape;

    AwsError(int status, String code, String message) {
        this(status, code, code, message);
    }

    AwsError(int status, String code, String shape, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.shape = shape;
    }

    /** A client error (HTTP 400), the usual answer to a bad request or a missing resource. */
    static AwsError client(String code, String message) {
        return new AwsError(400, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String shape() {
        return shape;
    }
}
