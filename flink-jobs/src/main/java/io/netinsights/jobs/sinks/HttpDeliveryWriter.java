package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the requests of a batch concurrently with {@link HttpClient}; Prometheus requests of the
 * same Pushgateway group are coalesced into one push (last sample of a series wins).
 */
final class HttpDeliveryWriter extends DeliveryWriter {
    private final HttpClient client;
    private final HttpRequestFactory requests;

    HttpDeliveryWriter(
            HttpDeliverySink sink,
            WriterInitContext context,
            Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        super(sink, context, state);
        this.requests = new HttpRequestFactory(options);
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(options.connectTimeout())
                        .version(HttpClient.Version.HTTP_1_1)
                        // A redirect could carry credentials to another host: a 3xx is a dead
                        // letter.
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    @Override
    protected CompletableFuture<List<Outcome>> deliver(List<DeliveryEntry> batch) {
        if (kind == SinkKind.PROMETHEUS) {
            return push(batch);
        }
        List<CompletableFuture<Outcome>> calls = new ArrayList<>(batch.size());
        for (DeliveryEntry e : batch) {
            calls.add(send(e.request()));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(v -> calls.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Outcome> send(SinkRequest r) {
        HttpRequest request;
        try {
            request = requests.build(r);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.dead(e.getMessage()));
        }
        return call(request);
    }

    private CompletableFuture<Outcome> call(HttpRequest request) {
        String where = SinkRequests.safeTarget(request.uri().toString());
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle(
                        (response, error) ->
                                error != null
                                        ? Outcome.retry(
                                                Failures.describe(error) + " (" + where + ")")
                                        : Failures.http(
                                                response.statusCode(), where, response.body()));
    }

    private CompletableFuture<List<Outcome>> push(List<DeliveryEntry> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        Map<URI, List<Integer>> members = new LinkedHashMap<>();
        Map<URI, List<PrometheusText.Sample>> samples = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            SinkRequest r = batch.get(i).request();
            try {
                URI group = requests.pushUrl(r);
                samples.computeIfAbsent(group, g -> new ArrayList<>())
                        .addAll(PrometheusText.samples(r));
                members.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
            } catch (IllegalArgumentException e) {
                outcomes[i] = Outcome.dead(e.getMessage());
            }
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (Map.Entry<URI, List<Integer>> g : members.entrySet()) {
            List<Integer> idx = g.getValue();
            String id = batch.get(idx.get(idx.size() - 1)).request().getId();
            HttpRequest request =
                    requests.push(g.getKey(), PrometheusText.render(samples.get(g.getKey())), id);
            calls.add(call(request).thenAccept(o -> idx.forEach(i -> outcomes[i] = o)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(v -> Arrays.asList(outcomes));
    }

    @Override
    protected void closeClients() {
        // java.net.http.HttpClient has no close() before JDK 21; its threads are daemons.
    }
}
