package io.jenkins.plugins.ecsdeploy.core.fakeaws;

/** An error reply the fake sends the way AWS would: HTTP status, error code and message. */
final class AwsError extends RuntimeException {

    private final int status;
    private final String code;

    AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
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
}
