package io.jenkins.plugins.ecsdeploy.core.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A read started before the read it does not depend on, so that an emergency path waits for one round trip where it
 * would wait for two. The other read is made {@link #alongside}, which waits for this one on every path.
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

    /**
     * Does {@code work} on this thread while the read goes on, then waits for the read, whatever {@code work} did:
     * no call outlives the step. The read's own outcome is left for {@link #join()}.
     */
    void alongside(Runnable work) {
        try {
            work.run();
        } finally {
            read.handle((value, failure) -> null).join();
        }
    }
}
