package io.jenkins.plugins.ecsdeploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.ecsdeploy.core.aws.AwsClients;
import io.jenkins.plugins.ecsdeploy.core.engine.port.Ports;
import io.jenkins.plugins.ecsdeploy.core.engine.port.TrafficRouter;
import io.jenkins.plugins.ecsdeploy.core.engine.request.DeploymentRequest;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.Call;
import io.jenkins.plugins.ecsdeploy.core.fakeaws.FakeAws;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TrafficSplit;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

/**
 * Figures no other tool publishes: how many AWS calls, by phase, and how long over loopback, a verified switch,
 * an abort of a canary and an operator's rollback take, beside the physical floor: one modify call plus one
 * verifying read, the fake's single round trip measured before each run, and the rollback's own calls made by a
 * bare SDK script. Asserts only call sequences (behaviour); the timings are reported, in
 * target/benchmarks/switch-rollback.md, never asserted.
 */
class SwitchLatencyBenchmark {

    /** Runs of each operation; more for a steadier figure: {@code -DargLine=-Dbench.runs=300}. */
    private static final int RUNS = Integer.getInteger("bench.runs", 100);

    /** Threads for the bare script's read ahead, as the engine has its own. */
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @Test
    void verifiedSwitchAndEmergencyRollback() throws IOException {
        Measured switches = new Measured("verified switch (incl. preflight and name resolution)");
        Measured aborts = new Measured("abort of a canary at 10 % (abort to end of run)");
        Measured rollbacks = new Measured("operator's rollback under a running canary");
        Measured unmeasured = new Measured("warm-up");
        List<Long> barePaths = new ArrayList<>();
        // No copy of the account before each write (only stale-read faults need it): a write costs the fake what a
        // read does, as the baseline read does.
        try (EngineHarness h = new EngineHarness(FakeAws.builder().withoutStaleReads()).withoutSmokeChecks();
                AwsClients clients = AwsClients.create(h.connection)) {
            h.run(DeploymentRequest.deploy("v1.2.3", "bench").withPromote(false));
            // Client, server and engine warm up alike: the baseline's round trips and one unmeasured run of each
            // operation per measured one. Then a round trip is measured just before each run, so that both see
            // the same load on a shared machine.
            for (int i = 0; i < RUNS; i++) {
                roundTrip(clients);
                switchOnce(h, "w" + i, unmeasured);
                abortOnce(h, "w" + i, unmeasured);
                rollbackOnce(h, "w" + i, unmeasured);
            }
            for (int i = 0; i < RUNS; i++) {
                switches.roundTrips.add(roundTrip(clients));
                switchOnce(h, String.valueOf(i), switches);
            }
            for (int i = 0; i < RUNS; i++) {
                abortOnce(h, String.valueOf(i), aborts, () -> aborts.roundTrips.add(roundTrip(clients)));
            }
            for (int i = 0; i < RUNS; i++) {
                rollbackOnce(h, String.valueOf(i), rollbacks, () -> {
                    rollbacks.roundTrips.add(roundTrip(clients));
                    barePaths.add(barePath(clients));
                });
            }
        } finally {
            pool.shutdown();
        }
        assertThat(switches.calls).containsSubsequence("DescribeListeners", "ModifyListener", "DescribeListeners");
        assertThat(switches.calls.stream().filter(a -> a.startsWith("Modify"))).hasSize(1);
        // Traffic is back, verified, after four calls, the first two at once (the destination's health, the
        // listener the write rewrites); the run then removes its own lock tag, without a read.
        assertThat(aborts.calls.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners",
                "DescribeTargetHealth");
        assertThat(aborts.calls.subList(2, aborts.calls.size())).containsExactly("ModifyListener",
                "DescribeListeners", "RemoveTags");
        // No lock, no settle wait: the listener and the destination's health at once, the write, the verifying
        // read; then the note to the canary that held the lock.
        assertThat(rollbacks.calls.subList(0, 2)).containsExactlyInAnyOrder("DescribeListeners",
                "DescribeTargetHealth");
        assertThat(rollbacks.calls.subList(2, rollbacks.calls.size())).containsExactly("ModifyListener",
                "DescribeListeners", "DescribeTags", "AddTags");
        report(barePaths, alarmDuringACanaryStage(), switches, aborts, rollbacks);
    }

    /**
     * An alarm that fires in the middle of a canary stage's first interval, a minute and more before its first
     * analysis: the run rolls back, verified, within one poll interval of the simulated clock. Returns the report's
     * line.
     */
    private static String alarmDuringACanaryStage() {
        Duration poll = Duration.ofSeconds(10);
        try (EngineHarness h = new EngineHarness().withoutSmokeChecks()
                .with("health:\n  pollInterval: " + poll.toSeconds() + "s\n  alarms: [web-5xx]\n")) {
            h.aws.metrics().healthy("blue");
            h.aws.metrics().healthy("green");
            h.aws.alarm("web-5xx", "OK");
            DeploymentEngine engine = h.engine();
            DeploymentState s = engine.start(DeploymentRequest.deploy("v1.2.3", "bench")
                    .withCanaryStages(List.of(10, 100), Duration.ofMinutes(3)), "alarm", h.now);
            h.runUntil(engine, s, st -> st.getPhase() == Phase.ANALYSE_CANARY);
            Instant fires = h.now.plusSeconds(25);
            h.runUntil(engine, s, st -> !h.now.isBefore(fires));
            // The worst moment: just after a poll read the alarm as OK.
            Instant nextPoll = engine.advance(s, h.now);
            h.aws.alarm("web-5xx", "ALARM");
            Instant firedAt = h.now;
            h.now = nextPoll;
            int first = h.aws.callCount();
            h.runToEnd(engine, s);

            assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(Slot.BLUE));
            Duration after = Duration.between(firedAt, s.getRecord().getFinishedAt());
            assertThat(after).isLessThanOrEqualTo(poll);
            List<String> calls = h.aws.calls().subList(first, h.aws.callCount()).stream().map(Call::action)
                    .toList();
            return "An alarm that goes to ALARM 25 s into a canary stage at 10 %, long before the stage's first"
                    + " analysis, just after a poll saw it OK: rolled back, verified, " + after.toSeconds()
                    + " s of the simulated clock later (poll interval " + poll.toSeconds() + " s), in " + calls.size()
                    + " calls ("
                    + String.join(", ", calls) + ").\n";
        }
    }

    /** Switches all traffic to the slot that has none. */
    private static void switchOnce(EngineHarness h, String id, Measured m) {
        Slot to = h.aws.listenerSplit().soleSlot().orElseThrow().other();
        DeploymentEngine engine = h.engine(m.timing::wrap);
        DeploymentState s = engine.start(DeploymentRequest.switchTo(TrafficSplit.allTo(to), "bench"), "s-" + id,
                h.now);
        m.run(h, engine, s);
        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    private static void abortOnce(EngineHarness h, String id, Measured m) {
        abortOnce(h, id, m, () -> { });
    }

    /** Aborts a canary at 10 %, the abort measured from the moment it is asked for. */
    private static void abortOnce(EngineHarness h, String id, Measured m, Runnable beforeRun) {
        DeploymentEngine engine = h.engine(m.timing::wrap);
        DeploymentState s = canaryAtTenPercent(h, engine, "a-" + id);
        beforeRun.run();
        Slot stable = s.getStableSlot();
        engine.requestAbort(s, "bench", "emergency");
        m.run(h, engine, s);
        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(stable));
    }

    private static void rollbackOnce(EngineHarness h, String id, Measured m) {
        rollbackOnce(h, id, m, () -> { });
    }

    /** An operator's rollback, by a run of its own, while a canary at 10 % holds the lock. */
    private static void rollbackOnce(EngineHarness h, String id, Measured m, Runnable beforeRun) {
        DeploymentEngine canaryEngine = h.engine();
        DeploymentState canary = canaryAtTenPercent(h, canaryEngine, "c-" + id);
        Slot stable = canary.getStableSlot();
        DeploymentEngine ops = h.engine(m.timing::wrap);
        beforeRun.run();
        DeploymentState s = ops.start(DeploymentRequest.rollback(null, "bench", "emergency"), "r-" + id, h.now,
                canary);
        m.run(h, ops, s);
        assertThat(s.getRecord().getOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(h.aws.listenerSplit()).isEqualTo(TrafficSplit.allTo(stable));
        h.runToEnd(canaryEngine, canary);
        assertThat(canary.getRecord().getPreemptedBy()).contains("r-" + id);
    }

    /**
     * The rollback's four calls made by a bare SDK script that knows everything beforehand, in microseconds: the
     * listener and the target group's health read at once, the listener written (with the actions it has, so that
     * nothing moves) and read back. What the engine adds to it is the engine's own cost.
     */
    private long barePath(AwsClients clients) {
        long t0 = System.nanoTime();
        CompletableFuture<?> health = CompletableFuture.runAsync(() -> clients.elb().describeTargetHealth(
                b -> b.targetGroupArn(FakeAws.BLUE_TARGET_GROUP_ARN)), pool);
        List<Action> actions = clients.elb().describeListeners(b -> b.listenerArns(FakeAws.LISTENER_ARN))
                .listeners().get(0).defaultActions();
        health.join();
        clients.elb().modifyListener(b -> b.listenerArn(FakeAws.LISTENER_ARN).defaultActions(actions));
        clients.elb().describeListeners(b -> b.listenerArns(FakeAws.LISTENER_ARN));
        return (System.nanoTime() - t0) / 1000;
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
        final TrafficTiming timing = new TrafficTiming();
        /** One round trip measured just before each run, in microseconds: this operation's baseline. */
        final List<Long> roundTrips = new ArrayList<>();
        /** Per run, from its start to the moment the engine had the verifying read's answer. */
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
            timing.reset();
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
            assertThat(timing.verifiedAt).as("the run read back the split it wrote").isPositive();
            trafficBackMicros.add((timing.verifiedAt - t0) / 1000);
            byPhase = phases;
        }

        long roundTrip() {
            return percentile(sorted(roundTrips), 50);
        }

        String row() {
            long roundTripP50 = roundTrip();
            long[] sorted = sorted(micros);
            long p50 = percentile(sorted, 50);
            long back = percentile(sorted(trafficBackMicros), 50);
            long writes = calls.stream().filter(a -> a.startsWith("Modify")).count();
            return "| " + name + " | " + calls.size() + " | " + beforeTrafficBack + " | " + writes + " | 2 | "
                    + ms(roundTripP50) + " | " + ms(p50) + " | " + ms(percentile(sorted, 90)) + " | "
                    + ms(sorted[sorted.length - 1]) + " | " + ratio(p50, roundTripP50) + " | " + ms(back) + " | "
                    + ratio(back, roundTripP50) + " |\n";
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

    /**
     * Notes when the engine first reads back the split it wrote, through a router that wraps the run's own: the
     * instant traffic is back, verified, as the run knows it.
     */
    private static final class TrafficTiming {
        private volatile TrafficSplit written;
        private volatile long verifiedAt;

        void reset() {
            written = null;
            verifiedAt = 0;
        }

        /**
         * The run's ports with a router that passes every call through, the interface's default methods too (a
         * router that left one to its default would change what the run does), noting the write and the first
         * read that shows it.
         */
        Ports wrap(Ports p) {
            TrafficRouter router = p.router();
            TrafficRouter timed = (TrafficRouter) Proxy.newProxyInstance(TrafficRouter.class.getClassLoader(),
                    new Class<?>[] {TrafficRouter.class}, (proxy, method, args) -> {
                        Object result;
                        try {
                            result = method.invoke(router, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (method.getName().startsWith("applySplit")) {
                            written = (TrafficSplit) args[0];
                            verifiedAt = 0;
                        } else if (method.getName().equals("currentSplit") && verifiedAt == 0
                                && result.equals(written)) {
                            verifiedAt = System.nanoTime();
                        }
                        return result;
                    });
            return new Ports(timed, p.health(), p.testTraffic(), p.services(), p.metrics(), p.lock(), p.managed());
        }
    }

    private static void report(List<Long> barePaths, String alarm, Measured switches, Measured aborts,
            Measured rollbacks) throws IOException {
        long bare = percentile(sorted(barePaths), 50);
        long rollback = percentile(sorted(rollbacks.trafficBackMicros), 50);
        StringBuilder table = new StringBuilder("# Switch and rollback cost (fake AWS over loopback, " + RUNS
                + " runs each)\n\nThe baseline of each operation is one round trip to the fake (DescribeListeners,"
                + " the middle of three back to back), measured just before each of its runs: the p50 of those. The"
                + " physical floor of a traffic change is 2 calls: one modify, one verifying read.\n\n"
                + "| operation | AWS calls | calls until traffic is back, verified | traffic writes | floor |"
                + " round trip p50 ms | p50 ms | p90 ms | max ms | p50 / round trip | traffic back, verified: p50 ms"
                + " | its ratio |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Measured[] ops = {switches, aborts, rollbacks};
        for (Measured m : ops) {
            table.append(m.row());
        }
        long abort = percentile(sorted(aborts.trafficBackMicros), 50);
        table.append("\nThe operator's rollback and the abort make their four calls as a bare SDK script would (the"
                + " two reads at once, the write, the read back); the script, measured before each rollback, takes "
                + ms(bare) + " ms (" + ratio(bare, rollbacks.roundTrip()) + " the round trip). The engine's own cost"
                + " until traffic is back: " + ms(rollback - bare) + " ms in the rollback, " + ms(abort - bare)
                + " ms in the abort.\n");
        table.append("\n").append(alarm);
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

    /** Milliseconds to one decimal; a difference within 0.05 ms of zero shows as 0.0, not -0.0. */
    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", Math.round(micros / 100.0) / 10.0 + 0.0);
    }
}
