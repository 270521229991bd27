package io.jenkins.plugins.ecsdeploy.core.engine;

import io.jenkins.plugins.ecsdeploy.core.config.EnvironmentConfig;
import io.jenkins.plugins.ecsdeploy.core.engine.port.AwsFailure;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeployRequest;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.time.Duration;
import java.time.Instant;

/**
 * One call of {@link DeploymentEngine#advance}: the state being advanced, the time, the environment and the ports.
 * Phase handlers use it to reach AWS, to write and verify traffic splits, and to say what they are doing.
 */
final class StepContext {

    /** How long a written split may take to show when read back before the write counts as failed. */
    static final Duration READ_BACK_WINDOW = Duration.ofSeconds(30);
    /** Pause between read-backs of a split that did not show yet. */
    static final Duration READ_BACK_POLL = Duration.ofSeconds(2);
    /**
     * How long a write that reads back may take to be in sync everywhere (Route 53 propagates a change to all its
     * name servers, normally within 60 s) before the write counts as failed.
     */
    static final Duration SYNC_WINDOW = Duration.ofMinutes(5);

    final DeploymentState state;
    final Instant now;
    /** When this step started, on the monotonic clock: see {@link #nowAfterCalls()}. */
    private final long startedNanos = System.nanoTime();
    final EnvironmentConfig config;
    final DeploymentListener listener;
    private Ports ports;
    private final Ports.Factory portsFactory;

    StepContext(DeploymentState state, Instant now, EnvironmentConfig config, Ports.Factory portsFactory,
            DeploymentListener listener) {
        this.state = state;
        this.now = now;
        this.config = config;
        this.portsFactory = portsFactory;
        this.listener = listener;
    }

    /**
     * {@link #now} plus the whole seconds this step has taken so far: the latest time a call just made can have
     * taken effect. A step is short, but AWS retrying its calls can stretch it past a delay counted from its start.
     */
    Instant nowAfterCalls() {
        return now.plusSeconds((System.nanoTime() - startedNanos) / 1_000_000_000L);
    }

    /** The AWS ports bound to the resolved environment; only valid after preflight resolved it. */
    Ports aws() {
        if (ports == null) {
            ports = portsFactory.bind(state.resolved);
        }
        return ports;
    }

    void progress(String message) {
        listener.onProgress(state, message);
    }

    /**
     * Writes a split; marks traffic as moved first, because a write whose reply was lost may still apply. A denied
     * write certainly did not apply, so it leaves the mark as it was: a run whose first switch is denied has
     * nothing to roll back.
     */
    void applySplit(TrafficSplit split) {
        if (state.lock != null && state.plan != null && laterStep()) {
            // A write starts from what this run last set, or from the split it planned on before its first write;
            // the read is the one the write needs anyway. Traffic that differs may be a rollback's: then stop.
            TrafficSplit expected = state.traffic.moved ? state.traffic.wanted : state.plan.splitBefore;
            if (!aws().router().currentSplit().equals(expected)) {
                stopIfPreempted();
            }
        }
        boolean movedBefore = state.traffic.moved;
        state.traffic.wanted = split;
        state.traffic.moved = true;
        try {
            state.traffic.changeId = aws().router().applySplitTracked(split);
        } catch (AwsFailure e) {
            if (e.isAccessDenied()) {
                state.traffic.moved = movedBefore;
            }
            throw e;
        }
    }

    /**
     * Reads the production split back. Returns true when it shows what was asked for; throws when the read-back
     * window is over; otherwise returns false and the caller polls again after {@link #READ_BACK_POLL}.
     */
    boolean splitReadsBack() {
        return splitReadsBack(null);
    }

    /**
     * As {@link #splitReadsBack()}, knowing the split the write replaced: a lagging read shows that one, so a read
     * showing neither is another writer's (a person's switch at the same time), which this run does not undo.
     *
     * @throws TrafficChangedOutside when AWS reports a split that is neither the one asked for nor {@code replaced}
     */
    boolean splitReadsBack(TrafficSplit replaced) {
        TrafficSplit actual = aws().router().currentSplit();
        if (actual.equals(state.traffic.wanted)) {
            return inSync();
        }
        stopIfPreempted();
        if (replaced != null && !actual.equals(replaced)) {
            throw new TrafficChangedOutside("Production traffic was changed outside this deployment: this run asked"
                    + " for " + state.traffic.wanted + " in place of " + replaced + ", AWS reports " + actual
                    + ", which someone else wrote. Stopping without touching it.");
        }
        state.wait.attempts++;
        if (!now.isBefore(state.wait.deadline)) {
            throw new DeploymentFailure("The new weights do not read back on " + aws().router().readsFrom()
                    + ": asked for "
                    + state.traffic.wanted + ", AWS still reports " + actual + " after "
                    + state.wait.attempts + " reads over " + READ_BACK_WINDOW.toSeconds() + " s.");
        }
        progress("Waiting for " + aws().router().readsFrom() + " to show " + state.traffic.wanted + " (AWS reports "
                + actual + ")");
        return false;
    }

    /**
     * Whether the write that reads back is also in sync (Route 53 GetChange INSYNC); polls again while it is not,
     * and throws once {@link #SYNC_WINDOW} has passed since the write.
     */
    private boolean inSync() {
        String change = state.traffic.changeId;
        if (change == null) {
            return true;
        }
        if (aws().router().inSync(change)) {
            state.traffic.changeId = null;
            progress(state.traffic.wanted + " reads back and change " + change + " is in sync" + cacheNote());
            return true;
        }
        if (!now.isBefore(state.phaseEnteredAt.plus(SYNC_WINDOW))) {
            throw new DeploymentFailure("Change " + change + " for " + state.traffic.wanted + " reads back but is"
                    + " still not in sync after " + SYNC_WINDOW.toMinutes() + " min.");
        }
        progress(state.traffic.wanted + " reads back; waiting for change " + change + " to be in sync");
        return false;
    }

    /** How long clients may still use the previous split: the records' TTL behind DNS, zero behind an ALB. */
    Duration clientCache() {
        return aws().router().clientCache();
    }

    /** "asked the load balancer for blue=90%, green=10%", naming whoever the router asks. */
    String asked(TrafficSplit split) {
        return "asked " + aws().router().writesTo() + " for " + split;
    }

    /** "verified on the listener", and how long resolvers may still cache the previous split. */
    String verified() {
        return "verified on " + aws().router().readsFrom() + cacheNote();
    }

    /** A clause for messages about a verified split, saying how long resolvers may still cache the old one. */
    String cacheNote() {
        Duration cache = clientCache();
        return cache.isZero() ? "" : "; resolvers may answer with the previous weights for up to "
                + cache.toSeconds() + " s (the records' TTL)";
    }

    /**
     * Whether the production split is still the one this run set. Reads may lag a write, so a different split is
     * read again every {@link #READ_BACK_POLL} (the caller returns false's retry time) and only counts as someone
     * else's change, which throws, once it has shown for {@link #READ_BACK_WINDOW}.
     */
    boolean splitUnchanged() {
        TrafficSplit actual = aws().router().currentSplit();
        if (actual.equals(state.traffic.wanted)) {
            state.traffic.mismatchSince = null;
            return true;
        }
        stopIfPreempted();
        if (state.traffic.mismatchSince == null) {
            state.traffic.mismatchSince = now;
        }
        if (now.isBefore(state.traffic.mismatchSince.plus(READ_BACK_WINDOW))) {
            progress("AWS reports " + actual + " instead of " + state.traffic.wanted + "; reading it again before"
                    + " concluding that someone else changed it");
            return false;
        }
        throw new TrafficChangedOutside("Production traffic was changed outside this deployment: this run set "
                + state.traffic.wanted + ", AWS has reported " + actual + " for " + READ_BACK_WINDOW.toSeconds()
                + " s. Stopping without touching it.");
    }

    /** Not a rollback's own write, and not in the step that read the split for the plan. */
    private boolean laterStep() {
        return switch (state.phase) {
            case PREFLIGHT, CONFIRM_LOCK, ROLL_BACK, VERIFY_ROLLBACK -> false;
            default -> true;
        };
    }

    /**
     * For a run holding the lock that reads traffic it did not set: when a rollback left it a note
     * ({@link Preemption}), records it and stops the run at once, without any write. Otherwise returns, and the
     * caller's own rules apply.
     *
     * @throws TrafficChangedOutside naming the rollback
     */
    void stopIfPreempted() {
        if (state.lock == null) {
            return;
        }
        java.util.Optional<String> by = aws().lock().preemption(state.lock);
        if (by.isPresent()) {
            state.record.preemptedBy = by.get();
            throw new TrafficChangedOutside("Pre-empted by " + by.get() + ". This run stops without touching"
                    + " traffic; the rollback has put it where it is now.");
        }
    }

    Duration readinessTimeout() {
        Duration d = state.request instanceof DeployRequest r ? r.readinessTimeout() : null;
        return d != null ? d : config.health().readinessTimeout();
    }

    Duration bakeTime() {
        Duration d = state.request instanceof DeployRequest r ? r.bakeTime() : null;
        return d != null ? d : config.health().bakeTime();
    }

    Duration scaleDownOldAfter() {
        Duration d = state.request instanceof DeployRequest r ? r.scaleDownOldAfter() : null;
        return d != null ? d : config.health().scaleDownOldAfter();
    }

    Instant nextPoll() {
        return now.plus(config.health().pollInterval());
    }
}
