package io.netinsights.jobs.reports;

import io.netinsights.jobs.ScriptJob;
import io.netinsights.jobs.kafka.ItemDecoder;
import io.netinsights.jobs.kafka.KafkaConnectors;
import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.DeadLetter;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
                env.fromSource(
                                KafkaConnectors.source(kafka, kafka.itemsTopic(), kafka.groupId()),
                                watermarks,
                                "report-kafka-items")
                        .uid("report-kafka-items")
                        .process(ItemDecoder.items(kafka.itemsTopic()))
                        .returns(new AvroTypeInfo<>(ApiItem.class))
                        .uid("report-decode-items")
                        .name("report-decode-items");
        DeliveryGuarantee guarantee = KafkaConnectors.outputGuarantee(kafka);
        items.getSideOutput(ItemDecoder.DEAD_LETTERS)
                .sinkTo(
                        KafkaConnectors.sink(
                                kafka,
                                kafka.deadLetterTopic(),
                                "report-dead",
                                AvroSerializationSchema.forSpecific(DeadLetter.class),
                                d -> d.getSource().getBytes(StandardCharsets.UTF_8),
                                DeliveryGuarantee.AT_LEAST_ONCE))
                .uid("report-dead-letter-sink")
                .name("report-dead-letter-sink");
        DataStream<PodEvent> pods;
        if (kafka.bounded() && !KafkaConnectors.topicExists(kafka, kafka.podEventsTopic())) {
            // A replay with no pod events: a pattern subscription would wait for the topic forever.
            pods = ScriptJob.noPodEvents(env);
        } else {
            pods =
                    env.fromSource(
                                    KafkaConnectors.podSource(kafka),
                                    watermarks,
                                    "report-kafka-pod-events")
                            .uid("report-kafka-pod-events")
                            .process(new ItemDecoder<>(kafka.podEventsTopic(), PodEvent.class))
                            .returns(new AvroTypeInfo<>(PodEvent.class))
                            .uid("report-decode-pod-events")
                            .name("report-decode-pod-events");
        }
        ReportJob.Outputs outputs = ReportJob.build(items, pods, options);
        outputs.reports()
                .sinkTo(
                        KafkaConnectors.sink(
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
