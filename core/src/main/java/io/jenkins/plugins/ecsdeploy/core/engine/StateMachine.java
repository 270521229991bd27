package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.analysis.StageRecord;
import io.jenkins.plugins.ecsdeploy.core.analysis.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * Applies what a step decided to the run's state: a move only if {@link PhaseGraph} has it, recorded as a
 * {@link Transition} and told to the listener; the end of a run with its outcome, releasing the deployment lock.
 */
final class StateMachine {

    private final LockSteps lock;

    StateMachine(LockSteps lock) {
        this.lock = lock;
    }

    /** Returns when to call the engine again, or null when the run has ended. */
    Instant apply(StepContext ctx, Next next) {
        if (next instanceof Next.Poll poll) {
            return poll.at();
        }
        if (next instanceof Next.GoTo goTo) {
            moveTo(ctx, goTo.phase(), goTo.reason());
            return goTo.at() == null ? ctx.now : goTo.at();
        }
        Next.Finish finish = (Next.Finish) next;
        DeploymentState s = ctx.state;
        PhaseGraph.requireMove(s.request.operation(), s.phase, Phase.FINISHED);
        s.record.outcome = finish.outcome();
        s.record.outcomeMessage = finish.message() + lock.release(ctx);
        s.record.finishedAt = ctx.now;
        moveTo(ctx, Phase.FINISHED, finish.outcome() + ": " + finish.message());
        return null;
    }

    private static void moveTo(StepContext ctx, Phase next, String reason) {
        DeploymentState s = ctx.state;
        PhaseGraph.requireMove(s.request.operation(), s.phase, next);
        if (next == Phase.ROLL_BACK || next == Phase.FINISHED) {
            closeOpenStage(ctx, reason);
        }
        Transition t = new Transition(ctx.now, s.phase, next, reason);
        s.phase = next;
        s.phaseEnteredAt = ctx.now;
        s.wait.attempts = 0;
        s.record.transitions.add(t);
        ctx.listener.onTransition(s, t);
    }

    /**
     * A canary stage cut short (an abort, an AWS failure, a lost lock) ends INCONCLUSIVE with the reason, so the
     * record never holds a stage without an end or a verdict. A stage that failed its analysis is already closed.
     */
    private static void closeOpenStage(StepContext ctx, String reason) {
        List<StageRecord> stages = ctx.state.record.stages;
        if (!stages.isEmpty() && stages.get(stages.size() - 1).getEndedAt() == null) {
            stages.get(stages.size() - 1).end(ctx.now, Verdict.INCONCLUSIVE, "Stopped before it was judged: "
                    + reason);
        }
    }
}
