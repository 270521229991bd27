package io.jenkins.plugins.ecsdeploy.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Runs several engines on their own threads but lets only one move at a time, in an order drawn from a seeded
 * {@link Random}: the interleaving is reproducible from the seed. Each run has a simulated clock; every HTTP request
 * (an SDK interceptor pauses it before it is sent) and every step is an event at that run's time, and the earliest
 * waiting event goes next, ties broken at random. Each request costs a random latency of up to {@code maxLatency},
 * so two runs started close together interleave their reads and writes of the lock tag in every possible way.
 */
final class InterleavedRuns implements ExecutionInterceptor {

    /** One engine and its run. */
    static final class Run {
        final String name;
        final DeploymentEngine engine;
        final DeploymentState state;
        Instant clock;
        /** The AWS operations this run called, in order. */
        final List<String> requests = new ArrayList<>();

        Run(String name, DeploymentEngine engine, DeploymentState state, Instant start) {
            this.name = name;
            this.engine = engine;
            this.state = state;
            this.clock = start;
        }
    }

    private final Random random;
    private final Duration maxLatency;
    private final ThreadLocal<Run> current = new ThreadLocal<>();
    private final Map<Run, Instant> waiting = new LinkedHashMap<>();
    private int active;
    private Run running;

    InterleavedRuns(Random random, Duration maxLatency) {
        this.random = random;
        this.maxLatency = maxLatency;
    }

    /**
     * Advances every run, interleaved, until {@code stop} holds for it or it finished.
     *
     * @throws AssertionError when a run threw or the runs did not end within a minute
     */
    void runAll(List<Run> runs, java.util.function.Predicate<DeploymentState> stop) throws InterruptedException {
        synchronized (this) {
            active = runs.size();
            running = null;
            waiting.clear();
        }
        List<Throwable> errors = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Run run : runs) {
            Thread t = new Thread(() -> {
                current.set(run);
                try {
                    drive(run, stop);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    leave();
                }
            }, "interleaved-" + run.name);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(60_000);
            if (t.isAlive()) {
                t.interrupt();
                throw new AssertionError(t.getName() + " did not finish within a minute");
            }
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("a run threw", errors.get(0));
        }
    }

    private void drive(Run run, java.util.function.Predicate<DeploymentState> stop) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            pause(run, run.clock);
            Instant next = run.engine.advance(run.state, run.clock);
            if (next == null || stop.test(run.state)) {
                return;
            }
            if (next.isAfter(run.clock)) {
                run.clock = next;
            }
        }
        throw new AssertionError(run.name + " did not stop within 100 steps");
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Run run = current.get();
        if (run == null) {
            return;
        }
        long latency;
        synchronized (this) {
            latency = (long) (random.nextDouble() * maxLatency.toMillis());
        }
        run.clock = run.clock.plusMillis(latency);
        run.requests.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        try {
            pause(run, run.clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized void pause(Run run, Instant at) throws InterruptedException {
        waiting.put(run, at);
        if (running == run) {
            running = null;
        }
        chooseWhenAllWait();
        while (running != run) {
            wait();
        }
        waiting.remove(run);
    }

    private synchronized void leave() {
        active--;
        running = null;
        chooseWhenAllWait();
    }

    /** Picks the next run once every live run waits: the earliest event, ties at random. */
    private void chooseWhenAllWait() {
        if (running != null || active == 0 || waiting.size() < active) {
            return;
        }
        Instant earliest = waiting.values().stream().min(Comparator.naturalOrder()).orElseThrow();
        List<Run> first = waiting.entrySet().stream().filter(e -> e.getValue().equals(earliest))
                .map(Map.Entry::getKey).toList();
        running = first.get(random.nextInt(first.size()));
        notifyAll();
    }
}
