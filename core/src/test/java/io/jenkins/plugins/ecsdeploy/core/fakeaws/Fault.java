package io.jenkins.plugins.ecsdeploy.core.fakeaws;

/** A failure the fake can answer a call with, in the form the real services produce it. */
public enum Fault {
    /** HTTP 500 with the service's internal-error code (InternalFailure, ServerException). */
    HTTP_500,
    /** HTTP 503 ServiceUnavailable. */
    HTTP_503,
    /** HTTP 400 with the throttling code (ELB and CloudWatch: Throttling; ECS: ThrottlingException). */
    THROTTLING,
    /** HTTP 429. */
    TOO_MANY_REQUESTS,
    /** The connection is reset before any reply; the call has no effect. */
    CONNECTION_RESET,
    /** The reply comes after {@link FakeAws#readTimeoutDelay}; the call takes effect, as AWS would still do it. */
    READ_TIMEOUT,
    /** ELB and CloudWatch: AccessDenied, HTTP 403; ECS: AccessDeniedException, HTTP 400. */
    ACCESS_DENIED,
    /** The write is applied, then the connection is reset, so the caller cannot know it succeeded. */
    REPLY_LOST,
    /** A describe answers from the state before the latest write that concerns it. Describes only. */
    STALE_READ;

    /** Whether the call is carried out against the state (rather than refused before it). */
    boolean reachesState() {
        return this == READ_TIMEOUT || this == REPLY_LOST || this == STALE_READ;
    }
}
