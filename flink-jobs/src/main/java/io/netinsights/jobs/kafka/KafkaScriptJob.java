package io.netinsights.jobs.kafka;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.PodEvent;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The script job on Kafka: Avro items from the items topic (undecodable ones to the dead-letter
 * topic), the script job graph, console lines to the console topic and the hub's reports to the
 * reports topic. With exactly-once, output is written in Kafka transactions committed on
 * checkpoints, and script state and source offsets are checkpointed together.
 */
public final class KafkaScriptJob {
    private KafkaScriptJob() {}

    /** Wires sources and sinks; returns the script job's outputs for further sinks. */
    public static ScriptJob.Outputs build(
            StreamExecutionEnvironment env, ScriptJobOptions script, KafkaOptions kafka) {
        return build(env, script, kafka, UnaryOperator.identity());
    }

    /**
     * Like {@link #build(StreamExecutionEnvironment, ScriptJobOptions, KafkaOptions)}, with a stage
     * applied to the decoded items before the script (filters, sampling, fault injection).
     */
    public static ScriptJob.Outputs build(
            StreamExecutionEnvironment env,
            ScriptJobOptions script,
            KafkaOptions kafka,
            UnaryOperator<DataStream<ApiItem>> itemStage) {
        KafkaSource<byte[]> source =
                KafkaConnectors.source(kafka, kafka.itemsTopic(), kafka.groupId());
        WatermarkStrategy<byte[]> watermarks =
                script.timeMode() == ScriptJobOptions.TimeMode.EVENT
                        // The shipper sets each record's timestamp to the item's timestamp.
                        ? WatermarkStrategy.<byte[]>forBoundedOutOfOrderness(
                                        script.outOfOrderness())
                                .withIdleness(Duration.ofSeconds(30))
                        : WatermarkStrategy.noWatermarks();
        SingleOutputStreamOperator<ApiItem> items =
                env.fromSource(source, watermarks, "kafka-items")
                        .uid("kafka-items")
                        .process(ItemDecoder.items(kafka.itemsTopic()))
                        .returns(new AvroTypeInfo<>(ApiItem.class))
                        .uid("decode-items")
                        .name("decode-items");
        DataStream<PodEvent> pods;
        DataStream<DeadLetter> dead = items.getSideOutput(ItemDecoder.DEAD_LETTERS);
        if (kafka.bounded() && !KafkaConnectors.topicExists(kafka, kafka.podEventsTopic())) {
            // A replay with no pod events: a pattern subscription would wait for the topic forever.
            pods = ScriptJob.noPodEvents(env);
        } else {
            SingleOutputStreamOperator<PodEvent> decoded =
                    env.fromSource(KafkaConnectors.podSource(kafka), watermarks, "kafka-pod-events")
                            .uid("kafka-pod-events")
                            .process(new ItemDecoder<>(kafka.podEventsTopic(), PodEvent.class))
                            .returns(new AvroTypeInfo<>(PodEvent.class))
                            .uid("decode-pod-events")
                            .name("decode-pod-events");
            dead = dead.union(decoded.getSideOutput(ItemDecoder.DEAD_LETTERS));
            pods = decoded;
        }
        dead.sinkTo(
                        KafkaConnectors.sink(
                                kafka,
                                kafka.deadLetterTopic(),
                                "dead",
                                AvroSerializationSchema.forSpecific(DeadLetter.class),
                                new DeadLetterKey(),
                                DeliveryGuarantee.AT_LEAST_ONCE))
                .uid("dead-letter-sink")
                .name("dead-letter-sink");
        ScriptJob.Outputs outputs = ScriptJob.build(itemStage.apply(items), pods, script);
        DeliveryGuarantee guarantee = KafkaConnectors.outputGuarantee(kafka);
        outputs.console()
                .sinkTo(
                        KafkaConnectors.sink(
                                kafka,
                                kafka.consoleTopic(),
                                "console",
                                AvroSerializationSchema.forSpecific(ConsoleLine.class),
                                new ConsoleKey(),
                                guarantee))
                // One writer keeps every instance's lines in order (they are few).
                .setParallelism(1)
                .uid("console-sink")
                .name("console-sink");
        outputs.console()
                .filter(l -> l.getInstance().equals("hub") && l.getLevel() == ConsoleLevel.LOG)
                .setParallelism(1)
                .uid("hub-reports")
                .name("hub-reports")
                .sinkTo(
                        KafkaConnectors.sink(
                                kafka,
                                kafka.reportsTopic(),
                                "reports",
                                AvroSerializationSchema.forSpecific(ConsoleLine.class),
                                new ConsoleKey(),
                                guarantee))
                .setParallelism(1)
                .uid("reports-sink")
                .name("reports-sink");
        return outputs;
    }

    /** An at-least-once sink of dead letters to the dead-letter topic (for the vendor sinks). */
    public static KafkaSink<DeadLetter> deadLetterSink(KafkaOptions kafka) {
        return KafkaConnectors.sink(
                kafka,
                kafka.deadLetterTopic(),
                "sink-dead",
                AvroSerializationSchema.forSpecific(DeadLetter.class),
                new DeadLetterKey(),
                DeliveryGuarantee.AT_LEAST_ONCE);
    }

    /** Console lines keyed by script and instance, so one instance's lines stay in order. */
    static final class ConsoleKey implements SerializationSchema<ConsoleLine> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(ConsoleLine l) {
            return (l.getScript() + "/" + l.getInstance()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Dead letters keyed by their source. */
    static final class DeadLetterKey implements SerializationSchema<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(DeadLetter d) {
            return d.getSource().getBytes(StandardCharsets.UTF_8);
        }
    }
}
