package io.jenkins.plugins.ecsdeploy.core.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A read started before the read it does not depend on, so that an emergency path waits for one round trip where it
 * would wait for two. Used only where the step then waits for it, on every path: no call outlives its step.
 */
final class ReadAhead<T> {

    /** Daemon threads, made when needed and gone after a minute idle: a read ahead is rare and short. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ecs-deploy-read-ahead");
        t.setDaemon(true);
        return t;
    });

    private final CompletableFuture<T> read;

    private ReadAhead(CompletableFuture<T> read) {
        this.read = read;
    }

    /** Starts {@code read} on another thread. */
    static <T> ReadAhead<T> start(Supplier<T> read) {
        return new ReadAhead<>(CompletableFuture.supplyAsync(read, READERS));
    }

    /**
     * Waits for the read and returns its result.
     *
     * @throws RuntimeException the read's own failure, as the read would have thrown it on this thread
     */
    T join() {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Waits for the read whose result is not needed after all, whatever its outcome. */
    void settle() {
        read.handle((value, failure) -> null).join();
    }
}
