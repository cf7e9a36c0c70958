package io.netinsights.jobs.reports;

import io.netinsights.jobs.kafka.KafkaOptions;
import io.netinsights.kafka.LocalKafka;
import io.netinsights.policy.PodInventory;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report job on a real Kafka broker: items from the items topic and pods from the pod-events
 * topic give, on the records topic, the same report records (exactly once) as the same items from a
 * collection with the same pods as a fixed inventory.
 */
class ReportKafkaJobITCase {
    @RegisterExtension static final MiniClusterExtension MINI = ReportRuns.miniCluster();

    private static final long W = 60_000;
    private static final List<ApiItem> ITEMS = new ArrayList<>();

    /** The client and server of every item, a pod without traffic, and one started later. */
    private static final List<PodEvent> POD_EVENTS =
            List.of(
                    pod("client", "10.0.0.1", T0 - 3_600_000),
                    pod("server", "10.0.9.9", T0 - 3_600_000),
                    pod("quiet", "10.0.5.5", T0 - 3_600_000),
                    pod("later", "10.0.5.6", T0 + 150_000));

    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
        kafka.createTopics(2, "items");
        kafka.createTopics(1, "records", "dead", "pod-events");
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            for (PodEvent e : POD_EVENTS) {
                p.send(new ProducerRecord<>("pod-events", null, e.getTimestamp(), null, avro(e)));
            }
            for (int i = 0; i < 3_000; i++) {
                long ts = T0 + i * 100L;
                String svc = "shop/svc-" + (i % 3);
                // svc-1 fails half of its calls in the third minute.
                boolean failing = svc.endsWith("1") && ts >= T0 + 2 * W && ts < T0 + 3 * W;
                ApiItem item = get("i" + i, ts, svc, failing && i % 2 == 0 ? 500 : 200, 5 + i % 7);
                ITEMS.add(item);
                p.send(new ProducerRecord<>("items", null, ts, svc.getBytes(), avro(item)));
            }
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void recordsOnTheTopicAreThoseOfTheSameItemsFromACollection() throws Exception {
        EnumSet<Report> reports =
                EnumSet.of(Report.TOP_TALKERS, Report.ERROR_SPIKES, Report.IDLE_PODS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaOptions k =
                KafkaOptions.builder(kafka.bootstrapServers())
                        .deadLetterTopic("dead")
                        .groupId("reports")
                        .transactionalIdPrefix("tx-reports")
                        .bounded(true)
                        .build();
        ReportKafkaJob.build(
                env,
                ReportOptions.builder(reports).window(Duration.ofMillis(W)).build(),
                k,
                "records");
        env.execute("report-kafka");

        List<String> got =
                read("records").stream()
                        .sorted(ReportRecords.ORDER)
                        .map(ReportRecords::format)
                        .collect(Collectors.toList());
        ReportOptions fixed =
                ReportOptions.builder(reports)
                        .window(Duration.ofMillis(W))
                        .inventory(PodInventory.fromEvents(POD_EVENTS))
                        .build();
        List<String> want =
                ReportRuns.run(ITEMS, fixed).stream()
                        .map(ReportRecords::format)
                        .collect(Collectors.toList());
        assertThat(got).isNotEmpty().isEqualTo(want);
        assertThat(got)
                .anyMatch(
                        l ->
                                l.startsWith(
                                        "[error-spikes] 2026-01-01T00:02:00Z..2026-01-01T00:03:00Z service shop/svc-1"));
        assertThat(got)
                .filteredOn(l -> l.contains(" pod "))
                .extracting(l -> l.substring(l.indexOf("..") + 2, l.indexOf(" {")))
                .containsExactly(
                        "2026-01-01T00:01:00Z pod shop/quiet",
                        "2026-01-01T00:02:00Z pod shop/quiet",
                        "2026-01-01T00:03:00Z pod shop/quiet",
                        "2026-01-01T00:04:00Z pod shop/later",
                        "2026-01-01T00:04:00Z pod shop/quiet",
                        "2026-01-01T00:05:00Z pod shop/later",
                        "2026-01-01T00:05:00Z pod shop/quiet");
    }

    private static PodEvent pod(String name, String ip, long start) {
        String json =
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                        + name
                        + "\",\"namespace\":\"shop\"},\"status\":{\"phase\":\"Running\","
                        + "\"podIP\":\""
                        + ip
                        + "\",\"startTime\":\""
                        + Instant.ofEpochMilli(start)
                        + "\"}}";
        return new PodEvent(PodEventType.ADDED, start, "node-1", "shop", name, json);
    }

    private static List<ReportRecord> read(String topic) {
        SpecificDatumReader<ReportRecord> reader = new SpecificDatumReader<>(ReportRecord.class);
        List<ReportRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers", kafka.bootstrapServers(),
                                "isolation.level", "read_committed",
                                "auto.offset.reset", "earliest",
                                "enable.auto.commit", "false"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long end = c.endOffsets(partitions).get(partitions.get(0));
            while (c.position(partitions.get(0)) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(reader.read(null, DecoderFactory.get().binaryDecoder(r.value(), null)));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("not an Avro ReportRecord on " + topic, e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] avro(T record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>((Class<T>) record.getClass()).write(record, enc);
        enc.flush();
        return bytes.toByteArray();
    }
}
