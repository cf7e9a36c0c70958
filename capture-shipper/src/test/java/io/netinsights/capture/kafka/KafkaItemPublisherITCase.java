package io.netinsights.capture.kafka;

import io.netinsights.kafka.LocalKafka;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.Endpoint;
import io.netinsights.schemas.NodeInfo;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.Protocol;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KafkaItemPublisher} against a real single-node KRaft broker ({@link LocalKafka}): items
 * and pod events are read back with the node as key and their own time as record timestamp, and a
 * record over the send bound is dropped and counted instead of blocking.
 */
class KafkaItemPublisherITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void itemsAndPodEventsAreReadBackWithNodeKeyAndTimestamps() throws Exception {
        kafka.createTopics(2, "items-a", "pod-events-a");
        long now = System.currentTimeMillis();
        List<ApiItem> items =
                List.of(item("1-0", now - 3000), item("1-1", now - 2000), item("2-0", now - 1000));
        List<PodEvent> events =
                List.of(
                        podEvent(PodEventType.ADDED, now - 500),
                        podEvent(PodEventType.DELETED, now - 100));

        KafkaItemPublisher publisher =
                KafkaItemPublisher.open(options("items-a", "pod-events-a").build());
        items.forEach(publisher::item);
        events.forEach(publisher::podEvent);
        publisher.close();

        assertThat(publisher.acked()).isEqualTo(5);
        assertThat(publisher.dropped()).isZero();
        assertThat(publisher.pendingBytes()).isZero();
        List<ConsumerRecord<byte[], byte[]>> gotItems = readAll("items-a", 3);
        assertThat(gotItems).allSatisfy(r -> assertThat(key(r)).isEqualTo("node-7"));
        // One key, one partition: the node's items keep their order.
        assertThat(gotItems.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        assertThat(gotItems)
                .extracting(ConsumerRecord::timestamp)
                .containsExactly(now - 3000, now - 2000, now - 1000);
        assertThat(decode(gotItems, ApiItem.class)).containsExactlyElementsOf(items);

        List<ConsumerRecord<byte[], byte[]>> gotEvents = readAll("pod-events-a", 2);
        assertThat(gotEvents).allSatisfy(r -> assertThat(key(r)).isEqualTo("node-7"));
        assertThat(gotEvents)
                .extracting(ConsumerRecord::timestamp)
                .containsExactly(now - 500, now - 100);
        assertThat(decode(gotEvents, PodEvent.class)).containsExactlyElementsOf(events);
    }

    @Test
    void aRecordOverTheSendBoundIsDroppedNotBlocked() throws Exception {
        kafka.createTopics(1, "items-b", "pod-events-b");
        KafkaItemPublisher publisher =
                KafkaItemPublisher.open(
                        options("items-b", "pod-events-b").maxPendingBytes(2048).build());
        ApiItem big = item("9-0", System.currentTimeMillis());
        big.setRequest("{\"body\":\"" + "x".repeat(4096) + "\"}");

        long t0 = System.nanoTime();
        publisher.item(big);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(publisher.dropped()).isEqualTo(1);

        publisher.item(item("9-1", System.currentTimeMillis()));
        publisher.close();
        assertThat(publisher.acked()).isEqualTo(1);
        assertThat(decode(readAll("items-b", 1), ApiItem.class))
                .extracting(ApiItem::getId)
                .containsExactly("9-1");
        publisher.item(item("9-2", System.currentTimeMillis()));
        assertThat(publisher.dropped()).as("items after close are dropped").isEqualTo(2);
    }

    @Test
    void anUnreachableKafkaFailsOpenWithTheReason() {
        assertThatThrownBy(
                        () ->
                                KafkaItemPublisher.open(
                                        KafkaPublisherOptions.builder("127.0.0.1:1", "node-7")
                                                .connectTimeout(Duration.ofSeconds(1))
                                                .build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no metadata for topic items from Kafka at 127.0.0.1:1");
    }

    private static KafkaPublisherOptions.Builder options(String items, String podEvents) {
        return KafkaPublisherOptions.builder(kafka.bootstrapServers(), "node-7")
                .itemsTopic(items)
                .podEventsTopic(podEvents);
    }

    private static ApiItem item(String id, long timestamp) {
        Endpoint src = Endpoint.newBuilder().setIp("10.1.0.9").setPort("41000").build();
        Endpoint dst = Endpoint.newBuilder().setIp("10.1.0.5").setPort("80").build();
        return ApiItem.newBuilder()
                .setId(id)
                .setWorker("node-7")
                .setNode(new NodeInfo("192.168.0.7", "node-7"))
                .setTimestamp(timestamp)
                .setProtocol(Protocol.newBuilder().setName("http").setAbbr("HTTP").build())
                .setSrc(src)
                .setDst(dst)
                .setRequest("{\"method\":\"GET\",\"path\":\"/" + id + "\"}")
                .setResponse("{\"status\":200}")
                .build();
    }

    private static PodEvent podEvent(PodEventType type, long timestamp) {
        return new PodEvent(
                type,
                timestamp,
                "node-7",
                "shop",
                "web-1",
                "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\"}}");
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private static <T extends SpecificRecord> List<T> decode(
            List<ConsumerRecord<byte[], byte[]>> records, Class<T> type) throws IOException {
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(reader.read(null, DecoderFactory.get().binaryDecoder(r.value(), null)));
        }
        return out;
    }

    /** Reads a topic from the beginning until {@code expected} records are there. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(
                        Map.of(
                                "bootstrap.servers",
                                kafka.bootstrapServers(),
                                "enable.auto.commit",
                                "false"),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    c.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
            c.assign(partitions);
            c.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (out.size() < expected) {
                assertThat(System.nanoTime())
                        .as("%s records of %s", expected, topic)
                        .isLessThan(deadline);
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }
}
