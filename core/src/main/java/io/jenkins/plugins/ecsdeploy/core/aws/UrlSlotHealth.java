package io.jenkins.plugins.ecsdeploy.core.aws;

import io.jenkins.plugins.ecsdeploy.core.engine.port.SlotHealth;
import io.jenkins.plugins.ecsdeploy.core.model.Slot;
import io.jenkins.plugins.ecsdeploy.core.model.TargetHealthSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The health of a slot of kind none: one GET of its health URL, healthy on a 2xx or 3xx answer (one target, healthy
 * or not). A slot without a health URL counts as one healthy target: its health is watched elsewhere (a Route 53
 * health check on the record, say), and the run trusts it.
 */
public final class UrlSlotHealth implements SlotHealth {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<Slot, String> urls;
    private final HttpClient http;

    /** @param urls each slot's health URL; a slot may have none */
    public UrlSlotHealth(Map<Slot, String> urls) {
        this.urls = Map.copyOf(urls);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public TargetHealthSummary targetHealth(Slot slot) {
        String url = urls.get(slot);
        if (url == null) {
            return new TargetHealthSummary(1, 0, 1);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400 ? new TargetHealthSummary(1, 0, 1) : new TargetHealthSummary(0, 1, 1);
        } catch (IOException e) {
            return new TargetHealthSummary(0, 1, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TargetHealthSummary(0, 1, 1);
        }
    }
}
