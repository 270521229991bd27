package io.jenkins.plugins.ecsdeploy.core.reliability;

import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;

/**
 * One fault for one AWS action, armed when the run first enters {@code phase}: the next calls of the action (in
 * that phase, as the clean run showed) fail.
 */
record Injection(Phase phase, String action, Fault fault, Level level) {

    /** How many calls fail. */
    enum Level {
        /** One call: the SDK's retry absorbs it. */
        ONCE,
        /** As many calls as the SDK makes attempts: the call fails for good and the engine sees it. */
        EXHAUST,
        /** Every call from then on: nothing the engine retries can succeed. */
        PERSISTENT
    }

    /** Arms the fault the first time the run is about to step in {@link #phase}. */
    Armed arm() {
        return new Armed(this);
    }

    /** An injection for one run; fires once. */
    static final class Armed implements Driver.Disturbance {
        private final Injection injection;
        private boolean fired;

        private Armed(Injection injection) {
            this.injection = injection;
        }

        @Override
        public void beforeStep(Rig rig, Phase phase) {
            if (fired || phase != injection.phase) {
                return;
            }
            fired = true;
            switch (injection.level) {
                case ONCE -> rig.aws.inject(injection.action, injection.fault, 1);
                case EXHAUST -> rig.aws.inject(injection.action, injection.fault, Rig.RETRY.maxAttempts());
                case PERSISTENT -> rig.aws.injectAlways(injection.action, injection.fault);
            }
        }

        boolean fired() {
            return fired;
        }
    }

    @Override
    public String toString() {
        return fault + " x" + (level == Level.PERSISTENT ? "always" : level == Level.ONCE ? "1"
                : String.valueOf(Rig.RETRY.maxAttempts())) + " on " + action + " in " + phase;
    }
}
