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

import java.nio.ByteBuffer;

/**
 * Decodes Avro items from Kafka record values. A value that does not decode goes to {@link
 * #DEAD_LETTERS} with the reason, is counted, and the job goes on.
 */
public final class ItemDecoder extends ProcessFunction<byte[], ApiItem> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("undecodable-items", new AvroTypeInfo<>(DeadLetter.class));

    private final String topic;
    private transient SpecificDatumReader<ApiItem> reader;
    private transient BinaryDecoder decoder;
    private transient Counter undecodable;

    public ItemDecoder(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(OpenContext ctx) {
        reader = new SpecificDatumReader<>(ApiItem.class);
        undecodable = getRuntimeContext().getMetricGroup().counter("undecodableItems");
    }

    @Override
    public void processElement(byte[] value, Context ctx, Collector<ApiItem> out) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            ApiItem item = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException(
                        "trailing bytes after the item (not an ApiItem record?)");
            }
            out.collect(item);
        } catch (Exception e) {
            undecodable.inc();
            long ts = ctx.timestamp() == null ? 0L : ctx.timestamp();
            String reason =
                    "not an Avro ApiItem: "
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
        }
    }
}
