package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The problems a preflight has found so far; collected so that one run reports all of them. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(String problem) {
        found.add(problem);
    }

    /**
     * Makes a read-only call whose failure is the user's to fix (a missing resource, a malformed name or ARN, a
     * denied read): that failure becomes a problem and the result is null. Anything else (throttling, network)
     * propagates, because the environment was not judged.
     */
    <T> T read(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsFailure failure) {
            String code = failure.errorCode();
            if (failure.isAccessDenied() || AwsErrors.isNotFound(code) || AwsErrors.isInvalidInput(code)) {
                found.add(failure.getMessage());
                return null;
            }
            throw failure;
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> list() {
        return List.copyOf(found);
    }
}
