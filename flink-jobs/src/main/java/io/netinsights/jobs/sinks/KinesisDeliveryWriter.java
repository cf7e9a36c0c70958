package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a batch with one PutRecords call per (region, stream, credentials) group; a record the
 * response marks as failed (throttled, internal failure) is retried alone.
 */
final class KinesisDeliveryWriter extends DeliveryWriter {
    /** Kinesis partition keys are 1 to 256 characters. */
    private static final int MAX_PARTITION_KEY = 256;

    private final AwsClients<KinesisAsyncClient> clients;

    KinesisDeliveryWriter(
            KinesisDeliverySink sink,
            WriterInitContext context,
            Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        super(sink, context, state);
        SinkOptions o = options;
        this.clients =
                new AwsClients<>(
                        o,
                        region -> {
                            var b =
                                    KinesisAsyncClient.builder()
                                            .region(region)
                                            .credentialsProvider(AwsClients.credentials(o))
                                            .httpClientBuilder(AwsClients.http(o))
                                            .overrideConfiguration(AwsClients.overrides(o));
                            if (o.kinesisEndpoint() != null) {
                                b.endpointOverride(o.kinesisEndpoint());
                            }
                            return b.build();
                        });
    }

    @Override
    protected CompletableFuture<List<Outcome>> deliver(List<DeliveryEntry> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            SinkRequest r = batch.get(i).request();
            String group =
                    r.getRegion() + "\n" + r.getTarget() + "\n" + AwsClients.credentialsKey(r);
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>(groups.size());
        for (List<Integer> idx : groups.values()) {
            calls.add(put(batch, idx, outcomes));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(v -> Arrays.asList(outcomes));
    }

    private CompletableFuture<Void> put(
            List<DeliveryEntry> batch, List<Integer> idx, Outcome[] outcomes) {
        SinkRequest first = batch.get(idx.get(0)).request();
        List<PutRecordsRequestEntry> records = new ArrayList<>(idx.size());
        for (int i : idx) {
            SinkRequest r = batch.get(i).request();
            records.add(
                    PutRecordsRequestEntry.builder()
                            .partitionKey(partitionKey(r))
                            .data(SdkBytes.fromByteArray(SinkRequests.payload(r)))
                            .build());
        }
        PutRecordsRequest.Builder request =
                PutRecordsRequest.builder().streamName(first.getTarget()).records(records);
        if (AwsClients.perRequest(first) != null) {
            request.overrideConfiguration(AwsClients.perRequest(first));
        }
        CompletableFuture<PutRecordsResponse> call;
        try {
            call = clients.forRequest(first).putRecords(request.build());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle(
                (response, error) -> {
                    for (int k = 0; k < idx.size(); k++) {
                        outcomes[idx.get(k)] =
                                error != null
                                        ? AwsClients.classify(error)
                                        : outcome(response.records().get(k));
                    }
                    return null;
                });
    }

    private static Outcome outcome(PutRecordsResultEntry result) {
        if (result.errorCode() == null) {
            return Outcome.delivered();
        }
        String reason = "Kinesis " + result.errorCode() + ": " + result.errorMessage();
        // PutRecords names only throttling and internal failures per record: both pass.
        return Outcome.retry(reason);
    }

    private static String partitionKey(SinkRequest r) {
        String key = r.getKey() == null || r.getKey().isEmpty() ? r.getId() : r.getKey();
        return key.length() > MAX_PARTITION_KEY ? key.substring(0, MAX_PARTITION_KEY) : key;
    }

    @Override
    protected void closeClients() {
        clients.close();
    }
}
