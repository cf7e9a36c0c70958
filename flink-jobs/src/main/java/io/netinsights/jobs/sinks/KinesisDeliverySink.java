package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import java.io.IOException;
import java.util.Collection;

/**
 * The {@code vendor.kinesis.put} sink: PutRecords on the AWS SDK v2 {@code KinesisAsyncClient},
 * retrying only the records a partial failure names. At least once (see docs/sinks.md).
 */
public final class KinesisDeliverySink extends DeliverySink {
    private static final long serialVersionUID = 1L;

    /** PutRecords takes at most 500 records and 5 MiB; a record (data + key) at most 1 MiB. */
    static final int MAX_BATCH = 500;

    static final long MAX_BATCH_BYTES = 5L << 20;
    static final long MAX_RECORD_BYTES = 1L << 20;

    public KinesisDeliverySink(SinkOptions options) {
        super(SinkKind.KINESIS, options, MAX_BATCH, MAX_BATCH_BYTES, MAX_RECORD_BYTES);
    }

    @Override
    protected DeliveryWriter newWriter(
            WriterInitContext context, Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        return new KinesisDeliveryWriter(this, context, state);
    }
}
