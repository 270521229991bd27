package io.jenkins.plugins.ecsdeploy.core.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * What a phase handler decided, for the engine to apply: go to another phase (and why), poll the same phase again
 * at a given time, or end the run with an outcome. The engine checks every move against {@link PhaseGraph}.
 */
sealed interface Next {

    /** Go to {@code phase}, and run it at {@code at}. */
    record GoTo(Phase phase, String reason, Instant at) implements Next {

        public GoTo {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(reason, "reason");
        }

        /** The same move, but the new phase runs at {@code when} instead of at once. */
        GoTo thenAt(Instant when) {
            return new GoTo(phase, reason, when);
        }
    }

    /** Stay in the phase and run it again at {@code at}. */
    record Poll(Instant at) implements Next {

        public Poll {
            Objects.requireNonNull(at, "at");
        }
    }

    /** End the run with {@code outcome}; the message says what it left behind. */
    record Finish(Outcome outcome, String message) implements Next {

        public Finish {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Go to {@code phase} and run it at once. */
    static GoTo goTo(Phase phase, String reason) {
        return new GoTo(phase, reason, null);
    }

    static Poll pollAt(Instant at) {
        return new Poll(at);
    }

    static Finish finish(Outcome outcome, String message) {
        return new Finish(outcome, message);
    }
}
