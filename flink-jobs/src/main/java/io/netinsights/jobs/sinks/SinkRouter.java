package io.netinsights.jobs.sinks;

import io.netinsights.schemas.SinkKind;
import io.netinsights.schemas.SinkRequest;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wires the script job's sink requests to the vendor sinks: a {@code sink-router} operator splits
 * them by kind, and each kind goes to its own Flink sink ({@code sink-webhook}, {@code sink-slack},
 * {@code sink-elastic}, {@code sink-influxdb}, {@code sink-prometheus}, {@code sink-kinesis},
 * {@code sink-s3}), so a slow endpoint of one kind buffers in its own sink first.
 */
public final class SinkRouter {
    private static final Map<SinkKind, OutputTag<SinkRequest>> TAGS = tags();

    private SinkRouter() {}

    /** Attaches one sink per kind; returns them by kind (e.g. to set a parallelism). */
    public static Map<SinkKind, DataStreamSink<SinkRequest>> attach(
            DataStream<SinkRequest> requests, SinkOptions options) {
        SingleOutputStreamOperator<SinkRequest> split =
                requests.process(new KindSplitter(), new AvroTypeInfo<>(SinkRequest.class))
                        .uid("sink-router")
                        .name("sink-router");
        Map<SinkKind, DataStreamSink<SinkRequest>> sinks = new EnumMap<>(SinkKind.class);
        for (SinkKind kind : SinkKind.values()) {
            String name = "sink-" + kind.name().toLowerCase(Locale.ROOT);
            sinks.put(
                    kind,
                    split.getSideOutput(TAGS.get(kind))
                            .sinkTo(sinkFor(kind, options))
                            .uid(name)
                            .name(name));
        }
        return Collections.unmodifiableMap(sinks);
    }

    /** The sink that delivers requests of {@code kind}. */
    public static Sink<SinkRequest> sinkFor(SinkKind kind, SinkOptions options) {
        return switch (kind) {
            case KINESIS -> new KinesisDeliverySink(options);
            case S3 -> new S3DeliverySink(options);
            case WEBHOOK, SLACK, ELASTIC, INFLUXDB, PROMETHEUS ->
                    new HttpDeliverySink(kind, options);
        };
    }

    /** The side output that carries the requests of {@code kind} out of the router. */
    public static OutputTag<SinkRequest> tag(SinkKind kind) {
        return TAGS.get(kind);
    }

    private static Map<SinkKind, OutputTag<SinkRequest>> tags() {
        Map<SinkKind, OutputTag<SinkRequest>> tags = new EnumMap<>(SinkKind.class);
        for (SinkKind kind : SinkKind.values()) {
            tags.put(
                    kind,
                    new OutputTag<>(
                            "sink-requests-" + kind.name().toLowerCase(Locale.ROOT),
                            new AvroTypeInfo<>(SinkRequest.class)));
        }
        return Collections.unmodifiableMap(tags);
    }

    /** Sends each request to the side output of its kind; the main output stays empty. */
    static final class KindSplitter extends ProcessFunction<SinkRequest, SinkRequest> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(SinkRequest request, Context ctx, Collector<SinkRequest> out) {
            ctx.output(TAGS.get(request.getKind()), request);
        }
    }
}
