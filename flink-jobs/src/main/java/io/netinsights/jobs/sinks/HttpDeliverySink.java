package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import java.io.IOException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * The HTTP sink of one kind: {@code vendor.webhook}, {@code vendor.slack}, {@code vendor.elastic},
 * {@code vendor.influxdb} or {@code prometheus.*} (pushed to a Pushgateway). At least once, with
 * retries and dead letters as described in docs/sinks.md.
 */
public final class HttpDeliverySink extends DeliverySink {
    private static final long serialVersionUID = 1L;

    /** The kinds this sink delivers. */
    public static final Set<SinkKind> KINDS =
            EnumSet.of(
                    SinkKind.WEBHOOK,
                    SinkKind.SLACK,
                    SinkKind.ELASTIC,
                    SinkKind.INFLUXDB,
                    SinkKind.PROMETHEUS);

    /** Requests sent concurrently per batch (one HTTP call each; Prometheus pushes coalesce). */
    static final int MAX_BATCH = 16;

    static final long MAX_RECORD_BYTES = 10L << 20;

    public HttpDeliverySink(SinkKind kind, SinkOptions options) {
        super(kind, options, MAX_BATCH, MAX_RECORD_BYTES, MAX_RECORD_BYTES);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(kind + " is not delivered over HTTP");
        }
    }

    @Override
    protected DeliveryWriter newWriter(
            WriterInitContext context, Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        return new HttpDeliveryWriter(this, context, state);
    }
}
