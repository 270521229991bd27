package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Figures no other tool publishes: how many AWS calls, and how long over loopback, a verified switch and an
 * emergency rollback take. The physical floor is one modify call plus one verifying read. Asserts only the call
 * sequence (behaviour); the timings are reported, in target/benchmarks/switch-rollback.md, never asserted.
 */
class SwitchLatencyBenchmark {

    private static final int RUNS = 30;

    @Test
    void verifiedSwitchAndEmergencyRollback() throws IOException {
        List<Long> switchMicros = new ArrayList<>();
        List<Long> rollbackMicros = new ArrayList<>();
        List<String> switchCalls = List.of();
        List<String> rollbackCalls = List.of();
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()) {
            h.run(DeploymentRequest.deploy("v1.2.3", "bench").withPromote(false));
            for (int i = 0; i < RUNS; i++) {
                Slot to = i % 2 == 0 ? Slot.GREEN : Slot.BLUE;
                int before = h.aws.calls().size();
                long t0 = System.nanoTime();
                DeploymentState s = h.run(DeploymentRequest.switchTo(TrafficSplit.allTo(to), "bench"));
                switchMicros.add((System.nanoTime() - t0) / 1000);
                assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
                switchCalls = actions(h.aws.calls().subList(before, h.aws.calls().size()));
            }

            for (int i = 0; i < RUNS; i++) {
                DeploymentEngine engine = h.engine();
                Slot stable = h.aws.listenerSplit().soleSlot().orElseThrow();
                DeploymentState s = engine.start(DeploymentRequest.canary(List.of(10), java.time.Duration.ofMinutes(5),
                        stable.other(), "bench"), "d-" + i, h.now);
                h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
                engine.requestAbort(s, "bench", "emergency");
                int before = h.aws.calls().size();
                long t0 = System.nanoTime();
                h.runToEnd(engine, s);
                rollbackMicros.add((System.nanoTime() - t0) / 1000);
                assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
                assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(stable));
                rollbackCalls = actions(h.aws.calls().subList(before, h.aws.calls().size()));
            }
        }
        // Switch: preflight reads and the lock, then one write framed by the read it needs (to keep other actions)
        // and the verifying read. Rollback skips preflight: health of the destination, the write, the verifying
        // read.
        assertThat(switchCalls).containsSubsequence("DescribeListeners", "ModifyListener", "DescribeListeners");
        assertThat(switchCalls.stream().filter(a -> a.startsWith("Modify"))).hasSize(1);
        // Traffic is back, verified, after four calls; the run then releases its deployment lock.
        assertThat(rollbackCalls).containsExactly("DescribeTargetHealth", "DescribeListeners", "ModifyListener",
                "DescribeListeners", "DescribeTags", "RemoveTags");
        report(switchCalls, rollbackCalls, switchMicros, rollbackMicros);
    }

    private static List<String> actions(List<Call> calls) {
        return calls.stream().map(Call::action).toList();
    }

    private static void report(List<String> switchCalls, List<String> rollbackCalls, List<Long> switchMicros,
            List<Long> rollbackMicros) throws IOException {
        String table = "# Switch and rollback cost (fake AWS over loopback, " + RUNS + " runs each)\n\n"
                + "| operation | AWS calls | traffic writes | p50 ms | p90 ms | max ms |\n|---|---|---|---|---|---|\n"
                + row("verified switch (incl. preflight)", switchCalls, switchMicros)
                + row("emergency rollback (abort to end of run)", rollbackCalls, rollbackMicros)
                + "\nSwitch calls: " + String.join(", ", switchCalls) + "\n\nRollback calls: "
                + String.join(", ", rollbackCalls) + "\n";
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", "switch-rollback.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static String row(String name, List<String> calls, List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        long writes = calls.stream().filter(a -> a.startsWith("Modify")).count();
        return "| " + name + " | " + calls.size() + " | " + writes + " | " + ms(percentile(sorted, 50)) + " | "
                + ms(percentile(sorted, 90)) + " | " + ms(sorted[sorted.length - 1]) + " |\n";
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
