package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Base of the vendor sinks: an {@link AsyncSinkBase} over {@link SinkRequest}s whose buffered
 * entries (with their attempt counts) are checkpointed, so a request is delivered at least once
 * across failures. Subclasses only make the writer for their kind.
 */
public abstract class DeliverySink extends AsyncSinkBase<SinkRequest, DeliveryEntry> {
    private static final long serialVersionUID = 1L;

    private final SinkKind kind;
    private final SinkOptions options;

    protected DeliverySink(
            SinkKind kind,
            SinkOptions options,
            int maxBatchSize,
            long maxBatchSizeInBytes,
            long maxRecordSizeInBytes) {
        super(
                new ToEntry(),
                // AsyncSinkBase wants more buffered requests than one batch holds.
                Math.min(maxBatchSize, options.maxBufferedRequests() / 2),
                options.maxInFlightRequests(),
                options.maxBufferedRequests(),
                maxBatchSizeInBytes,
                options.maxTimeInBuffer().toMillis(),
                maxRecordSizeInBytes,
                batchTimeoutMillis(options),
                false);
        this.kind = kind;
        this.options = options;
    }

    public SinkKind kind() {
        return kind;
    }

    public SinkOptions options() {
        return options;
    }

    /** The writer of this kind, restoring the buffered entries of {@code state}. */
    protected abstract DeliveryWriter newWriter(
            WriterInitContext context, Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException;

    @Override
    public SinkWriter<SinkRequest> createWriter(WriterInitContext context) throws IOException {
        return newWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<SinkRequest, BufferedRequestState<DeliveryEntry>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        return newWriter(context, state);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<DeliveryEntry>>
            getWriterStateSerializer() {
        return new DeliveryEntrySerializer();
    }

    ElementConverter<SinkRequest, DeliveryEntry> converter() {
        return getElementConverter();
    }

    long maxRecordSizeInBytes() {
        return getMaxRecordSizeInBytes();
    }

    AsyncSinkWriterConfiguration writerConfiguration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .setRequestTimeoutMS(getRequestTimeoutMS())
                .setFailOnTimeout(getFailOnTimeout())
                .build();
    }

    /**
     * A batch stays in flight for one attempt plus its backoff; past this Flink re-queues it. Our
     * own per-attempt timeouts are far shorter, so this only guards against a lost callback.
     */
    private static long batchTimeoutMillis(SinkOptions o) {
        return 2
                        * (o.requestTimeout().toMillis()
                                + o.connectTimeout().toMillis()
                                + o.maxBackoff().toMillis())
                + 60_000L;
    }

    /** Wraps a request as an entry that has not been tried yet. */
    static final class ToEntry implements ElementConverter<SinkRequest, DeliveryEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        public DeliveryEntry apply(SinkRequest request, SinkWriter.Context context) {
            return new DeliveryEntry(request, 0);
        }
    }
}
