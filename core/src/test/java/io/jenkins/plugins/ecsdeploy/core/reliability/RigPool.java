package io.jenkins.plugins.ecsdeploy.core.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * A few rigs used in parallel: runs that wait for timed-out attempts leave the CPU to the others. Each run has a rig
 * to itself; a rig is replaced after {@link Rig#RUNS_PER_RIG} runs.
 */
final class RigPool implements AutoCloseable {

    private final BlockingQueue<Rig> idle;
    private final ExecutorService threads;

    RigPool(int size) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(new Rig());
        }
        threads = Executors.newFixedThreadPool(size);
    }

    /** Runs {@code work} once per item, each on a free rig, and returns the results in the items' order. */
    <T, R> List<R> map(List<T> items, RigWork<T, R> work) {
        List<Future<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(threads.submit(() -> withRig(rig -> work.apply(rig, item))));
        }
        List<R> results = new ArrayList<>();
        for (Future<R> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a run failed outside the engine: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    <R> R withRig(Function<Rig, R> work) throws InterruptedException {
        Rig rig = idle.take();
        try {
            if (rig.runs >= Rig.RUNS_PER_RIG) {
                rig.close();
                rig = new Rig();
            }
            return work.apply(rig);
        } finally {
            idle.add(rig);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        idle.forEach(Rig::close);
    }

    /** Work done with a rig for one item. */
    @FunctionalInterface
    interface RigWork<T, R> {
        R apply(Rig rig, T item);
    }
}
