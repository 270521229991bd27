package io.jenkins.plugins.ecsdeploy.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A crash at every step boundary of every {@link Scenario}: the engine and the state object are dropped and the run
 * goes on with a new engine and the state read back from JSON, either as saved after the step, or as saved before
 * it (the step's AWS calls were made, its state never saved, so the step runs a second time). Every run must end
 * with the {@link Invariants} holding and the outcome of the run without a crash.
 *
 * <p>The counts are printed and saved as {@code target/reliability/crash-recovery.md}.
 */
class CrashRecoveryTest {

    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger UNRECOVERED = new AtomicInteger();
    private static RigPool pool;

    @BeforeAll
    static void startRigs() {
        pool = new RigPool(2);
    }

    @AfterAll
    static void report() throws IOException {
        pool.close();
        String text = "| crash points tried | unrecovered |\n|---|---|\n| " + TRIED + " | " + UNRECOVERED + " |\n";
        System.out.println("Crash recovery\n" + text);
        Path dir = Path.of("target", "reliability");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("crash-recovery.md"), "# Crash recovery\n\n" + text);
    }

    @TestFactory
    List<DynamicTest> everyStepBoundaryOfEveryScenario() throws InterruptedException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            int steps = pool.withRig(rig -> Driver.clean(rig, scenario).steps());
            for (boolean beforeSave : new boolean[] {false, true}) {
                String mode = beforeSave ? "crash after the step's AWS calls, before its state was saved"
                        : "crash after the state was saved";
                tests.add(DynamicTest.dynamicTest(scenario + ": " + mode + ", at each of " + steps + " steps",
                        () -> crashEverywhere(scenario, steps, beforeSave)));
            }
        }
        return tests;
    }

    private static void crashEverywhere(Scenario scenario, int steps, boolean beforeSave) {
        List<Integer> points = IntStream.range(0, steps).boxed().toList();
        List<String> failures = pool.map(points, (rig, step) -> {
            Driver.Crash crash = beforeSave ? Driver.Crash.beforeSave(step) : Driver.Crash.afterSave(step);
            Driver.Result r = Driver.run(rig, scenario, null, crash, false);
            Invariants.Verdict verdict = Invariants.check(rig, r);
            TRIED.incrementAndGet();
            List<String> problems = new ArrayList<>(verdict.violations());
            if (r.outcome() != scenario.cleanOutcome) {
                problems.add("outcome " + r.outcome() + " instead of " + scenario.cleanOutcome);
            }
            if (problems.isEmpty()) {
                return null;
            }
            UNRECOVERED.incrementAndGet();
            return "crash at step " + step + ": " + problems + "\n  log:\n    " + String.join("\n    ", r.log());
        }).stream().filter(f -> f != null).toList();
        assertThat(failures).as("%s of %s crash points not recovered", failures.size(), steps).isEmpty();
    }
}
