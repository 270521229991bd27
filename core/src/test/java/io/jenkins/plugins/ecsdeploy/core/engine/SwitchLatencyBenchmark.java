package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Figures no other tool publishes: how many AWS calls, by phase, and how long over loopback, a verified switch,
 * an abort of a canary and an operator's rollback take, beside the physical floor: one modify call plus one
 * verifying read, and the fake's single round trip measured in the same run. Asserts only call sequences
 * (behaviour); the timings are reported, in target/benchmarks/switch-rollback.md, never asserted.
 */
class SwitchLatencyBenchmark {

    /** Runs of each operation; more for a steadier figure: {@code -DargLine=-Dbench.runs=300}. */
    private static final int RUNS = Integer.getInteger("bench.runs", 30);

    @Test
    void verifiedSwitchAndEmergencyRollback() throws IOException {
        Measured switches = new Measured("verified switch (incl. preflight and name resolution)");
        Measured aborts = new Measured("abort of a canary at 10 % (abort to end of run)");
        Measured rollbacks = new Measured("operator's rollback under a running canary");
        List<Long> roundTrips = new ArrayList<>();
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks();
                AwsClients clients = AwsClients.create(h.connection)) {
            h.run(DeploymentRequest.deploy("v1.2.3", "bench").withPromote(false));
            // The baseline's client warms up as the engine's did in the deploy above; then a round trip is measured
            // just before each run, so that both see the same load on a shared machine.
            for (int i = 0; i < RUNS; i++) {
                roundTrip(clients);
            }
            for (int i = 0; i < RUNS; i++) {
                roundTrips.add(roundTrip(clients));
                Slot to = i % 2 == 0 ? Slot.GREEN : Slot.BLUE;
                DeploymentEngine engine = h.engine();
                DeploymentState s = engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(to), "bench"),
                        "s-" + i, h.now);
                switches.run(h, engine, s);
                assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
            }
            for (int i = 0; i < RUNS; i++) {
                DeploymentEngine engine = h.engine();
                DeploymentState s = canaryAtTenPercent(h, engine, "a-" + i);
                roundTrips.add(roundTrip(clients));
                Slot stable = s.getStableSlot();
                engine.requestAbort(s, "bench", "emergency");
                aborts.run(h, engine, s);
                assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
                assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(stable));
            }
            for (int i = 0; i < RUNS; i++) {
                DeploymentEngine canaryEngine = h.engine();
                DeploymentState canary = canaryAtTenPercent(h, canaryEngine, "c-" + i);
                Slot stable = canary.getStableSlot();
                DeploymentEngine ops = h.engine();
                roundTrips.add(roundTrip(clients));
                DeploymentState s = ops.start(DeploymentRequest.rollback(null, "bench", "emergency"), "r-" + i,
                        h.now, canary);
                rollbacks.run(h, ops, s);
                assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(stable));
                h.runToEnd(canaryEngine, canary);
                assertThat(canary.getRecord().getPreemptedBy()).contains("r-" + i);
            }
        }
        assertThat(switches.calls).containsSubsequence("DescribeListeners", "ModifyListener", "DescribeListeners");
        assertThat(switches.calls.stream().filter(a -> a.startsWith("Modify"))).hasSize(1);
        // Traffic is back, verified, after four calls; the run then removes its own lock tag, without a read.
        assertThat(aborts.calls).containsExactly("DescribeTargetHealth", "DescribeListeners", "ModifyListener",
                "DescribeListeners", "RemoveTags");
        // No lock, no settle wait: the listener and the destination's health at once, the write, the verifying
        // read; then the note to the canary that held the lock.
        assertThat(rollbacks.calls.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners",
                "DescribeTargetHealth");
        assertThat(rollbacks.calls.subList(2, rollbacks.calls.size())).containsExactly("ModifyListener",
                "DescribeListeners", "DescribeTags", "AddTags");
        report(roundTrips, switches, aborts, rollbacks);
    }

    /**
     * One DescribeListeners, the read every traffic change verifies with, in microseconds: the middle of three back
     * to back, as a run's calls are.
     */
    private static long roundTrip(AwsClients clients) {
        long[] three = new long[3];
        for (int i = 0; i < three.length; i++) {
            long t0 = System.nanoTime();
            clients.elb().describeListeners(b -> b.listenerArns(FakeAws.LISTENER_ARN));
            three[i] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(three);
        return three[1];
    }

    private static DeploymentState canaryAtTenPercent(EngineHarness h, DeploymentEngine engine, String id) {
        Slot stable = h.aws.listenerSplit().soleSlot().orElseThrow();
        DeploymentState s = engine.start(DeploymentRequest.canary(List.of(10), Duration.ofMinutes(5),
                stable.other(), "bench"), id, h.now);
        return h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
    }

    /** One operation's calls (of its last run), by the phase the run was in, and its wall time per run. */
    private static final class Measured {
        final String name;
        final List<Long> micros = new ArrayList<>();
        /** Per run, from its start to the verifying read's reply (bounded by the next request's arrival). */
        final List<Long> trafficBackMicros = new ArrayList<>();
        /** Wall time by phase, summed over all runs. */
        final Map<String, Long> microsByPhase = new LinkedHashMap<>();
        List<String> calls = List.of();
        Map<String, Integer> byPhase = new LinkedHashMap<>();
        /** Calls made before the listener showed the new split to the verifying read, in the last run. */
        int beforeTrafficBack;

        Measured(String name) {
            this.name = name;
        }

        void run(EngineHarness h, DeploymentEngine engine, DeploymentState s) {
            int first = h.aws.callCount();
            Map<String, Integer> phases = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            long end;
            while (true) {
                String phase = s.getPhase().name();
                int before = h.aws.callCount();
                long stepStart = System.nanoTime();
                Instant next = engine.advance(s, h.now);
                end = System.nanoTime();
                microsByPhase.merge(phase, (end - stepStart) / 1000, Long::sum);
                phases.merge(phase, h.aws.callCount() - before, Integer::sum);
                if (next == null) {
                    break;
                }
                if (next.isAfter(h.now)) {
                    h.now = next;
                }
            }
            micros.add((end - t0) / 1000);
            List<Call> made = h.aws.calls().subList(first, h.aws.callCount());
            calls = made.stream().map(Call::action).toList();
            int modify = calls.indexOf("ModifyListener");
            beforeTrafficBack = modify < 0 ? -1 : modify + 2;
            if (modify >= 0) {
                long back = modify + 2 < calls.size() ? h.aws.arrival(first + modify + 2) : end;
                trafficBackMicros.add((back - t0) / 1000);
            }
            byPhase = phases;
        }

        String row(long roundTripP50) {
            long[] sorted = sorted(micros);
            long p50 = percentile(sorted, 50);
            long back = percentile(sorted(trafficBackMicros), 50);
            long writes = calls.stream().filter(a -> a.startsWith("Modify")).count();
            return "| " + name + " | " + calls.size() + " | " + beforeTrafficBack + " | " + writes + " | 2 | "
                    + ms(p50) + " | " + ms(percentile(sorted, 90)) + " | " + ms(sorted[sorted.length - 1]) + " | "
                    + ratio(p50, roundTripP50) + " | " + ms(back) + " | " + ratio(back, roundTripP50) + " |\n";
        }

        String phases() {
            StringBuilder sb = new StringBuilder();
            byPhase.forEach((phase, n) -> {
                if (n > 0) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(phase).append(' ').append(n);
                }
            });
            StringBuilder time = new StringBuilder();
            microsByPhase.forEach((phase, us) -> time.append(time.length() == 0 ? "" : ", ").append(phase)
                    .append(' ').append(ms(us / micros.size())).append(" ms"));
            return "- " + name + ": " + sb + " (calls: " + String.join(", ", calls) + "); wall time by phase, mean"
                    + " per run: " + time + "\n";
        }
    }

    private static void report(List<Long> roundTrips, Measured... ops) throws IOException {
        long roundTrip = percentile(sorted(roundTrips), 50);
        StringBuilder table = new StringBuilder("# Switch and rollback cost (fake AWS over loopback, " + RUNS
                + " runs each)\n\nOne round trip to the fake (DescribeListeners, p50 of one measured before each"
                + " run): " + ms(roundTrip) + " ms. The"
                + " physical floor of a traffic change is 2 calls: one modify, one verifying read.\n\n"
                + "| operation | AWS calls | calls until traffic is back, verified | traffic writes | floor |"
                + " p50 ms | p90 ms | max ms | p50 / round trip | traffic back, verified: p50 ms | its ratio |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measured m : ops) {
            table.append(m.row(roundTrip));
        }
        table.append("\nCalls by phase:\n\n");
        for (Measured m : ops) {
            table.append(m.phases());
        }
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", "switch-rollback.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static String ratio(long micros, long roundTrip) {
        return String.format(java.util.Locale.ROOT, "%.1fx", (double) micros / Math.max(1, roundTrip));
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
