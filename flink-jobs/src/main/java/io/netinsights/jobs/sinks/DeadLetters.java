package io.netinsights.jobs.sinks;

import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Builds the {@link DeadLetter} of a request a sink gave up on: source {@code sink-<kind>}, the
 * reason, the request (secret attributes removed) as Avro binary, its id as key, the attempts.
 */
public final class DeadLetters {
    private DeadLetters() {}

    /** The dead-letter source of a sink kind, e.g. {@code sink-webhook}. */
    public static String source(SinkKind kind) {
        return "sink-" + kind.name().toLowerCase(Locale.ROOT);
    }

    public static DeadLetter of(SinkRequest request, String reason, int attempts, long now) {
        try {
            return DeadLetter.newBuilder()
                    .setSource(source(request.getKind()))
                    .setReason(reason)
                    .setPayload(
                            ByteBuffer.wrap(
                                    DeliveryEntrySerializer.toAvro(SinkRequests.redacted(request))))
                    .setKey(request.getId())
                    .setAttempts(attempts)
                    .setTimestamp(now)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode the dead letter of request " + request.getId(), e);
        }
    }

    /** The request inside a dead letter written by {@link #of}. */
    public static SinkRequest request(DeadLetter letter) {
        ByteBuffer b = letter.getPayload().duplicate();
        byte[] avro = new byte[b.remaining()];
        b.get(avro);
        try {
            return DeliveryEntrySerializer.fromAvro(avro);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "dead letter " + letter.getKey() + " does not hold a sink request", e);
        }
    }
}
