package io.jenkins.plugins.ecsdeploy.core.smoke;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first {@code limit} bytes of a response body and then stops reading, so that a health endpoint that
 * streams forever or returns a huge page cannot hold a smoke check or fill the heap.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<LimitedBodySubscriber.Body> {

    /** The bytes read, and whether the body went on beyond them. */
    record Body(byte[] bytes, boolean truncated) {
    }

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBodySubscriber(int limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        boolean truncated = false;
        for (ByteBuffer buffer : buffers) {
            int room = limit - bytes.size();
            int take = Math.min(room, buffer.remaining());
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            bytes.write(chunk, 0, take);
            truncated |= buffer.hasRemaining();
        }
        if (truncated) {
            subscription.cancel();
            result.complete(new Body(bytes.toByteArray(), true));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(bytes.toByteArray(), false));
    }
}
