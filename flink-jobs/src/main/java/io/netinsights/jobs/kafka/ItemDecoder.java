package io.netinsights.jobs.kafka;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.DeadLetter;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.nio.ByteBuffer;

/**
 * Decodes Avro records (items, pod events) from Kafka record values. A value that does not decode
 * goes to {@link #DEAD_LETTERS} with the reason, is counted, and the job goes on.
 */
public final class ItemDecoder<T extends SpecificRecord> extends ProcessFunction<byte[], T> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("undecodable-items", new AvroTypeInfo<>(DeadLetter.class));

    private final String topic;
    private final Class<T> type;
    private transient SpecificDatumReader<T> reader;
    private transient BinaryDecoder decoder;
    private transient Counter undecodable;

    public ItemDecoder(String topic, Class<T> type) {
        this.topic = topic;
        this.type = type;
    }

    /** A decoder of API items. */
    public static ItemDecoder<ApiItem> items(String topic) {
        return new ItemDecoder<>(topic, ApiItem.class);
    }

    @Override
    public void open(OpenContext ctx) {
        reader = new SpecificDatumReader<>(type);
        undecodable = getRuntimeContext().getMetricGroup().counter("undecodableRecords");
    }

    @Override
    public void processElement(byte[] value, Context ctx, Collector<T> out) {
        T record;
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException(
                        "trailing bytes after the record (not a " + type.getSimpleName() + "?)");
            }
        } catch (Exception e) {
            undecodable.inc();
            long ts = ctx.timestamp() == null ? 0L : ctx.timestamp();
            String reason =
                    "not an Avro "
                            + type.getSimpleName()
                            + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage());
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetter.newBuilder()
                            .setSource(topic)
                            .setReason(reason)
                            .setPayload(ByteBuffer.wrap(value == null ? new byte[0] : value))
                            .setTimestamp(ts)
                            .build());
            return;
        }
        // Outside the try: a failure further down the chain must fail the task, not become a
        // dead letter.
        out.collect(record);
    }
}
