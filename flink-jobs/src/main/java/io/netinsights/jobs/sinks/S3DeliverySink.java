package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

import java.io.IOException;
import java.util.Collection;

/**
 * The {@code vendor.s3.put} / {@code vendor.s3.putObject} sink: PutObject on the AWS SDK v2 {@code
 * S3AsyncClient}, optionally write-once ({@code If-None-Match: *}, an existing key is kept and the
 * refused overwrite becomes a dead letter). At least once (see docs/sinks.md).
 */
public final class S3DeliverySink extends DeliverySink {
    private static final long serialVersionUID = 1L;

    /** Objects put concurrently per batch. */
    static final int MAX_BATCH = 8;

    /** A script's in-memory file area holds 64 MiB; objects are put in one request. */
    static final long MAX_RECORD_BYTES = 100L << 20;

    public S3DeliverySink(SinkOptions options) {
        super(SinkKind.S3, options, MAX_BATCH, MAX_RECORD_BYTES, MAX_RECORD_BYTES);
    }

    @Override
    protected DeliveryWriter newWriter(
            WriterInitContext context, Collection<BufferedRequestState<DeliveryEntry>> state)
            throws IOException {
        return new S3DeliveryWriter(this, context, state);
    }
}
