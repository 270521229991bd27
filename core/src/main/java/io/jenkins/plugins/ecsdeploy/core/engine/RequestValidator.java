package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.model.ImageReference;
import java.util.List;

/** Checks a request before the run exists, so bad input never reaches AWS. */
final class RequestValidator {

    private RequestValidator() {
    }

    static void requireValid(DeploymentRequest r) {
        if (r == null || r.operation() == null) {
            throw new IllegalArgumentException("operation: say what to do (deploy, canary, switch or rollback).");
        }
        switch (r.operation()) {
            case DEPLOY -> {
                ImageReference.requireValidTag(r.imageTag());
                requireStages(r, false);
            }
            case CANARY -> requireStages(r, true);
            case SWITCH -> {
                if ((r.weights() == null) == (r.slot() == null)) {
                    throw new IllegalArgumentException(
                            "switch: give either a slot (to: 'green') or weights (blue=90,green=10), not both.");
                }
            }
            case ROLLBACK -> {
            }
        }
        requirePositive("readinessTimeout", r.readinessTimeout());
        requirePositive("bakeTime", r.bakeTime());
        if (r.scaleDownOldAfter() != null && r.scaleDownOldAfter().isNegative()) {
            throw new IllegalArgumentException("scaleDownOldAfter: must not be negative.");
        }
    }

    private static void requireStages(DeploymentRequest r, boolean required) {
        List<Integer> stages = r.canaryStages();
        if (stages.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("stages: give at least one canary percentage, e.g. 10 or 5,25,50.");
            }
            return;
        }
        int previous = 0;
        for (Integer p : stages) {
            if (p == null || p < 1 || p > 100) {
                throw new IllegalArgumentException("stages: " + p + " is not a percentage from 1 to 100.");
            }
            if (p <= previous) {
                throw new IllegalArgumentException("stages: must go up, but " + p + " follows " + previous + ".");
            }
            previous = p;
        }
        if (r.stageDuration() == null || r.stageDuration().isZero() || r.stageDuration().isNegative()) {
            throw new IllegalArgumentException("stageDuration: canary stages need a duration such as 5m.");
        }
    }

    private static void requirePositive(String field, java.time.Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(field + ": must be longer than zero.");
        }
    }
}
