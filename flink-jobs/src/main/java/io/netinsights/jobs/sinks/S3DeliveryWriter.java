package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the objects of a batch concurrently. With write-once on (the option, or the request
 * attribute {@code ifNoneMatch}), a put that finds the key taken gets HTTP 412 from S3 and the
 * object is left as it was. The sink then compares the stored object's ETag with the MD5 of its own
 * content: the same content is a replay (after a restore from a checkpoint) and counts as delivered
 * ({@code identicalRewrites}); other content is a refused overwrite, counted ({@code
 * refusedOverwrites}) and dead-lettered.
 */
final class S3DeliveryWriter extends DeliveryWriter {
    /** Request attribute that asks for write-once on a single put ("*" or "true"). */
    static final String IF_NONE_MATCH = "ifNoneMatch";

    private final AwsClients<S3AsyncClient> clients;
    private final Counter refusedOverwrites;
    private final Counter identicalRewrites;

    S3DeliveryWriter(
            S3DeliverySink sink,
            WriterInitContext context,
            Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        super(sink, context, state);
        SinkOptions o = options;
        this.refusedOverwrites =
                metrics.counter("refusedOverwrites", new ThreadSafeSimpleCounter());
        this.identicalRewrites =
                metrics.counter("identicalRewrites", new ThreadSafeSimpleCounter());
        this.clients =
                new AwsClients<>(
                        o,
                        region -> {
                            var b =
                                    S3AsyncClient.builder()
                                            .region(region)
                                            .credentialsProvider(AwsClients.credentials(o))
                                            .httpClientBuilder(AwsClients.http(o))
                                            .overrideConfiguration(AwsClients.overrides(o))
                                            .forcePathStyle(o.s3ForcePathStyle());
                            if (o.s3Endpoint() != null) {
                                b.endpointOverride(o.s3Endpoint());
                            }
                            return b.build();
                        });
    }

    @Override
    protected CompletableFuture<List<Outcome>> deliver(List<DeliveryEntry> batch) {
        List<CompletableFuture<Outcome>> puts = new ArrayList<>(batch.size());
        for (DeliveryEntry e : batch) {
            puts.add(put(e.request()));
        }
        return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
                .thenApply(v -> puts.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Outcome> put(SinkRequest r) {
        if (r.getKey() == null || r.getKey().isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.dead("s3: object key is empty"));
        }
        byte[] body = SinkRequests.payload(r);
        PutObjectRequest.Builder request =
                PutObjectRequest.builder()
                        .bucket(r.getTarget())
                        .key(r.getKey())
                        .contentType(r.getContentType())
                        .contentLength((long) body.length)
                        .overrideConfiguration(AwsClients.perRequest(r));
        boolean writeOnce = writeOnce(r);
        if (writeOnce) {
            request.ifNoneMatch("*");
        }
        try {
            return clients.forRequest(r)
                    .putObject(request.build(), AsyncRequestBody.fromBytes(body))
                    .handle(
                            (response, error) ->
                                    error == null
                                            ? CompletableFuture.completedFuture(Outcome.delivered())
                                            : failed(r, body, error, writeOnce))
                    .thenCompose(f -> f);
        } catch (RuntimeException e) {
            return failed(r, body, e, writeOnce);
        }
    }

    private CompletableFuture<Outcome> failed(
            SinkRequest r, byte[] body, Throwable error, boolean writeOnce) {
        Throwable e = Failures.unwrap(error);
        String where = "s3://" + r.getTarget() + "/" + r.getKey();
        if (writeOnce && e instanceof AwsServiceException ase && ase.statusCode() == 412) {
            return compare(r, body, where);
        }
        Outcome o = AwsClients.classify(e);
        return CompletableFuture.completedFuture(
                new Outcome(o.status(), o.reason() + " (" + where + ")"));
    }

    /** After a 412: the stored object has our content (a replay) or other content (refused). */
    private CompletableFuture<Outcome> compare(SinkRequest r, byte[] body, String where) {
        String refused = "write-once: " + where + " already exists";
        AwsRequestOverrideConfiguration credentials = AwsClients.perRequest(r);
        HeadObjectRequest head =
                HeadObjectRequest.builder()
                        .bucket(r.getTarget())
                        .key(r.getKey())
                        .overrideConfiguration(credentials)
                        .build();
        return clients.forRequest(r)
                .headObject(head)
                .handle(
                        (stored, error) -> {
                            if (error != null) {
                                Outcome o = AwsClients.classify(error);
                                return new Outcome(
                                        o.status(),
                                        refused + "; comparing it failed: " + o.reason());
                            }
                            if (md5Hex(body).equals(unquote(stored.eTag()))) {
                                identicalRewrites.inc();
                                return Outcome.delivered();
                            }
                            refusedOverwrites.inc();
                            return Outcome.dead(
                                    refused
                                            + " with other content, overwrite refused"
                                            + " (HTTP 412 PreconditionFailed)");
                        });
    }

    private boolean writeOnce(SinkRequest r) {
        String attr = SinkRequests.attribute(r, IF_NONE_MATCH);
        return options.s3WriteOnce() || "*".equals(attr) || "true".equalsIgnoreCase(attr);
    }

    /** A single-part PUT's ETag is the content's MD5 (not with SSE-KMS: those are refused). */
    private static String md5Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    @Override
    protected void closeClients() {
        clients.close();
    }
}
