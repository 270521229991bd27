package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.Phase;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fault in every state: a clean run of each {@link Scenario} shows which AWS actions each phase calls; then,
 * for every phase and action, each {@link Fault} is injected when the run enters the phase, once, as often as the
 * SDK attempts, and for good, and the run goes to its end. The {@link Invariants} must hold after every run.
 *
 * <p>Pairs already covered by an earlier scenario of the same operation are not repeated. READ_TIMEOUT costs a real
 * half second per timed-out attempt, so it is injected once into every call, and as often as the SDK attempts only
 * into writes (where a slow call that still took effect differs from a refused one); never for good. STALE_READ is
 * not injected for good either: a describe that never catches up with a write is not eventual consistency, and no
 * engine could tell it from someone else changing the listener.
 *
 * <p>The matrix is printed and saved as {@code target/reliability/fault-matrix.md} and {@code .csv}.
 */
class FaultMatrixTest {

    private static final FaultMatrix MATRIX = new FaultMatrix();
    private static RigPool pool;

    @BeforeAll
    static void startRigs() {
        pool = new RigPool(3);
    }

    @AfterAll
    static void report() {
        pool.close();
        String table = MATRIX.markdown();
        System.out.println("Fault matrix (phase x fault: held/tried)\n" + table);
        MATRIX.write(Path.of("target", "reliability"));
    }

    @TestFactory
    List<DynamicNode> everyFaultInEveryStateOfTheRepresentativeRuns() throws InterruptedException {
        List<DynamicNode> tests = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        Set<Phase> reached = EnumSet.noneOf(Phase.class);
        for (Scenario scenario : Scenario.values()) {
            Checked checked = pool.withRig(rig -> {
                Driver.Result r = Driver.clean(rig, scenario);
                return new Checked(r, Invariants.check(rig, r));
            });
            Driver.Result clean = checked.result();
            tests.add(DynamicTest.dynamicTest(scenario + " runs clean to " + scenario.cleanOutcome, () -> {
                assertThat(clean.outcome()).as(String.join("\n", clean.log())).isEqualTo(scenario.cleanOutcome);
                assertThat(checked.verdict().violations()).isEmpty();
            }));
            Map<Phase, Set<String>> actions = actionsByPhase(clean);
            clean.trace().forEach(step -> reached.add(step.phase()));
            for (Map.Entry<Phase, Set<String>> e : actions.entrySet()) {
                List<Injection> injections = new ArrayList<>();
                for (String action : e.getValue()) {
                    if (covered.add(scenario.request.operation() + "/" + e.getKey() + "/" + action)) {
                        injections.addAll(injections(e.getKey(), action));
                    }
                }
                if (!injections.isEmpty()) {
                    tests.add(DynamicTest.dynamicTest(scenario + " / " + e.getKey() + " " + e.getValue(),
                            () -> runAll(scenario, injections)));
                }
            }
        }
        tests.add(DynamicTest.dynamicTest("the scenarios reach every phase", () -> assertThat(reached)
                .containsAll(EnumSet.complementOf(EnumSet.of(Phase.FINISHED)))));
        return tests;
    }

    private static void runAll(Scenario scenario, List<Injection> injections) {
        List<String> failures = pool.map(injections, (rig, injection) -> {
            Injection.Armed armed = injection.arm();
            Driver.Result r = Driver.run(rig, scenario, armed, null, false);
            Invariants.Verdict verdict = Invariants.check(rig, r);
            MATRIX.add(new FaultMatrix.Row(scenario, injection, String.valueOf(r.outcome()), verdict));
            if (!armed.fired()) {
                return injection + ": the run never entered the phase";
            }
            return verdict.held() ? null : injection + ": " + verdict.violations() + "\n  log:\n    "
                    + String.join("\n    ", r.log());
        }).stream().filter(f -> f != null).toList();
        assertThat(failures).as("%s of %s runs broke an invariant", failures.size(), injections.size()).isEmpty();
    }

    /** The actions each phase called in the clean run, in order of first call. */
    static Map<Phase, Set<String>> actionsByPhase(Driver.Result clean) {
        Map<Phase, Set<String>> byPhase = new LinkedHashMap<>();
        for (Driver.Step step : clean.trace()) {
            byPhase.computeIfAbsent(step.phase(), p -> new LinkedHashSet<>()).addAll(step.actions());
        }
        byPhase.values().removeIf(Set::isEmpty);
        return byPhase;
    }

    static List<Injection> injections(Phase phase, String action) {
        boolean write = isWrite(action);
        List<Injection> out = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            if (fault == Fault.STALE_READ && write) {
                continue;
            }
            for (Injection.Level level : Injection.Level.values()) {
                boolean slow = fault == Fault.READ_TIMEOUT;
                if (slow && (level == Injection.Level.PERSISTENT || level == Injection.Level.EXHAUST && !write)
                        || fault == Fault.STALE_READ && level == Injection.Level.PERSISTENT) {
                    continue;
                }
                out.add(new Injection(phase, action, fault, level));
            }
        }
        return out;
    }

    static boolean isWrite(String action) {
        return !(action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("List"));
    }

    private record Checked(Driver.Result result, Invariants.Verdict verdict) {
    }
}
