package io.netinsights.jobs.reports;

import io.netinsights.jobs.kafka.ItemDecoder;
import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The report job on Kafka: Avro items from the items topic (event time from the record timestamps,
 * which the shipper sets to the item's), undecodable records to the dead-letter topic, and report
 * records (Avro {@code ReportRecord}, keyed by report and key) to a records topic of their own;
 * exactly-once when {@link KafkaOptions#exactlyOnce()}.
 */
public final class ReportKafkaJob {
    /** The default topic of report records (the script job's reports topic holds console lines). */
    public static final String DEFAULT_RECORDS_TOPIC = "report-records";

    private ReportKafkaJob() {}

    /** Wires source, reports and sinks; returns the outputs for further sinks. */
    public static ReportJob.Outputs build(
            StreamExecutionEnvironment env,
            ReportOptions options,
            KafkaOptions kafka,
            String recordsTopic) {
        WatermarkStrategy<byte[]> watermarks =
                WatermarkStrategy.<byte[]>forBoundedOutOfOrderness(options.outOfOrderness())
                        .withIdleness(Duration.ofSeconds(30));
        SingleOutputStreamOperator<ApiItem> items =
                env.fromSource(source(kafka), watermarks, "report-kafka-items")
                        .uid("report-kafka-items")
                        .process(ItemDecoder.items(kafka.itemsTopic()))
                        .returns(new AvroTypeInfo<>(ApiItem.class))
                        .uid("report-decode-items")
                        .name("report-decode-items");
        DeliveryGuarantee guarantee =
                kafka.exactlyOnce()
                        ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE;
        items.getSideOutput(ItemDecoder.DEAD_LETTERS)
                .sinkTo(
                        sink(
                                kafka,
                                kafka.deadLetterTopic(),
                                "report-dead",
                                AvroSerializationSchema.forSpecific(DeadLetter.class),
                                d -> d.getSource().getBytes(StandardCharsets.UTF_8),
                                DeliveryGuarantee.AT_LEAST_ONCE))
                .uid("report-dead-letter-sink")
                .name("report-dead-letter-sink");
        SingleOutputStreamOperator<PodEvent> pods =
                env.fromSource(podSource(kafka), watermarks, "report-kafka-pod-events")
                        .uid("report-kafka-pod-events")
                        .process(new ItemDecoder<>(kafka.podEventsTopic(), PodEvent.class))
                        .returns(new AvroTypeInfo<>(PodEvent.class))
                        .uid("report-decode-pod-events")
                        .name("report-decode-pod-events");
        ReportJob.Outputs outputs = ReportJob.build(items, pods, options);
        outputs.reports()
                .sinkTo(
                        sink(
                                kafka,
                                recordsTopic,
                                "report-records",
                                AvroSerializationSchema.forSpecific(ReportRecord.class),
                                new RecordKey(),
                                guarantee))
                .uid("report-records-sink")
                .name("report-records-sink");
        return outputs;
    }

    static KafkaSource<byte[]> source(KafkaOptions kafka) {
        return builder(kafka, kafka.groupId()).setTopics(kafka.itemsTopic()).build();
    }

    /** Pod events are optional: a pattern subscription waits for the topic instead of failing. */
    static KafkaSource<byte[]> podSource(KafkaOptions kafka) {
        KafkaSourceBuilder<byte[]> b =
                builder(kafka, kafka.groupId() + "-pods")
                        .setTopicPattern(Pattern.compile(Pattern.quote(kafka.podEventsTopic())));
        if (!kafka.bounded()) {
            b.setProperty("partition.discovery.interval.ms", "30000");
        }
        return b.build();
    }

    private static KafkaSourceBuilder<byte[]> builder(KafkaOptions kafka, String groupId) {
        OffsetResetStrategy reset =
                kafka.startFrom() == KafkaOptions.StartFrom.EARLIEST
                        ? OffsetResetStrategy.EARLIEST
                        : OffsetResetStrategy.LATEST;
        var builder =
                KafkaSource.<byte[]>builder()
                        .setBootstrapServers(kafka.bootstrap())
                        .setGroupId(groupId)
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                        .setDeserializer(
                                KafkaRecordDeserializationSchema.valueOnly(
                                        ByteArrayDeserializer.class))
                        // Items of a shipper transaction that was aborted must not be counted.
                        .setProperty("isolation.level", "read_committed");
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder;
    }

    private static <T> KafkaSink<T> sink(
            KafkaOptions kafka,
            String topic,
            String what,
            SerializationSchema<T> value,
            SerializationSchema<T> key,
            DeliveryGuarantee guarantee) {
        Properties props = new Properties();
        // Must not exceed the broker's transaction.max.timeout.ms (15 min by default).
        props.setProperty(
                "transaction.timeout.ms", String.valueOf(Duration.ofMinutes(5).toMillis()));
        var b =
                KafkaSink.<T>builder()
                        .setBootstrapServers(kafka.bootstrap())
                        .setKafkaProducerConfig(props)
                        .setRecordSerializer(
                                KafkaRecordSerializationSchema.<T>builder()
                                        .setTopic(topic)
                                        .setKeySerializationSchema(key)
                                        .setValueSerializationSchema(value)
                                        .build())
                        .setDeliveryGuarantee(guarantee);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            b.setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-" + what);
        }
        return b.build();
    }

    /** Records keyed by report, kind and key, so one key's windows stay in order. */
    static final class RecordKey implements SerializationSchema<ReportRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(ReportRecord r) {
            return (r.getReport() + "|" + r.getKeyKind() + "|" + r.getKey())
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
