package io.jenkins.plugins.ecsdeploy.core.fakeaws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The faults waiting for calls, by action. Faults for the same action are used in the order they were injected;
 * the action {@code *} matches every call. Writes listed as ignored are accepted but leave the state unchanged.
 */
final class FaultPlan {

    static final String ANY_ACTION = "*";
    static final Set<String> WRITES = Set.of(
            "ModifyListener", "ModifyRule", "AddTags", "RemoveTags", "RegisterTaskDefinition", "UpdateService",
            "PutDashboard", "ChangeResourceRecordSets", "ChangeTagsForResource",
            "PauseService", "ResumeService", "CreateDeployment", "ContinueDeployment", "StopDeployment",
            "StopServiceDeployment", "TagResource", "UntagResource");

    private final Map<String, Deque<Fault>> pending = new HashMap<>();
    private final Map<String, Fault> always = new HashMap<>();
    private final Set<String> ignoredWrites = new HashSet<>();
    /** Whether each write keeps the state from before it, for STALE_READ: a deep copy of the whole account. */
    private boolean staleReads = true;

    void inject(String action, Fault fault, int times) {
        check(action, fault);
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times + ".");
        }
        Deque<Fault> queue = pending.computeIfAbsent(action, a -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    void injectAlways(String action, Fault fault) {
        check(action, fault);
        always.put(action, fault);
    }

    void ignoreWrites(String action) {
        if (!WRITES.contains(action)) {
            throw new IllegalArgumentException(action + " is not a write the fake knows; use one of " + WRITES + ".");
        }
        ignoredWrites.add(action);
    }

    /** No STALE_READ from now on, so that a write costs the fake no more than a read does (for benchmarks). */
    void withoutStaleReads() {
        staleReads = false;
    }

    /** Whether a write must keep the state from before it, for a stale read injected later. */
    boolean keepsStaleState() {
        return staleReads;
    }

    boolean ignores(String action) {
        return ignoredWrites.contains(action);
    }

    void clear() {
        pending.clear();
        always.clear();
        ignoredWrites.clear();
    }

    /** The fault for this call, consuming one injected for the action itself before one injected for any call. */
    Fault next(String action) {
        for (String key : new String[] {action, ANY_ACTION}) {
            Deque<Fault> queue = pending.get(key);
            if (queue != null && !queue.isEmpty()) {
                return queue.removeFirst();
            }
            if (always.containsKey(key)) {
                return always.get(key);
            }
        }
        return null;
    }

    private void check(String action, Fault fault) {
        if (fault == Fault.STALE_READ && !staleReads) {
            throw new IllegalStateException("This fake was built withoutStaleReads(): it keeps no state from before"
                    + " a write to answer a stale " + action + " with. Build it without that setting.");
        }
        if (fault == Fault.STALE_READ && WRITES.contains(action)) {
            throw new IllegalArgumentException("STALE_READ applies to describes, not to the write " + action
                    + "; use ignoreWrites(\"" + action + "\") for a write that does not take effect.");
        }
    }
}
