package io.netinsights.dashboard;

import io.netinsights.kafka.LocalKafka;
import io.netinsights.schemas.ConsoleLevel;
import io.netinsights.schemas.ConsoleLine;

import org.apache.flink.formats.avro.AvroSerializationSchema;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka mode against a real single-node KRaft broker: console lines written the way the Kafka
 * script job writes them reach the dashboard's event log; a broken record becomes an error line.
 */
class KafkaConsoleTailITCase {

    @Test
    void tailsConsoleAndReportsTopics() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopics(1, "console", "reports");
            ConsoleHub hub = new ConsoleHub();
            AvroSerializationSchema<ConsoleLine> avro =
                    AvroSerializationSchema.forSpecific(ConsoleLine.class);
            try (KafkaConsoleTail tail =
                            new KafkaConsoleTail(
                                    kafka.bootstrapServers(),
                                    List.of("console", "reports"),
                                    "earliest",
                                    hub);
                    KafkaProducer<byte[], byte[]> producer =
                            new KafkaProducer<>(
                                    Map.of(
                                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                            kafka.bootstrapServers()),
                                    new ByteArraySerializer(),
                                    new ByteArraySerializer())) {
                ConsoleLine line =
                        new ConsoleLine(
                                "top.js",
                                "hub",
                                ConsoleLevel.LOG,
                                "1. 10.0.0.1: 3 queries",
                                1L,
                                null,
                                null);
                producer.send(new ProducerRecord<>("reports", avro.serialize(line))).get();
                producer.send(new ProducerRecord<>("console", new byte[] {1, 2, 3})).get();
                long deadline = System.currentTimeMillis() + 60_000;
                List<String> events = List.of();
                while (events.size() < 2 && System.currentTimeMillis() < deadline) {
                    events = hub.since(0, 1_000);
                }
                assertThat(events)
                        .anyMatch(
                                e ->
                                        e.contains("\"topic\":\"reports\"")
                                                && e.contains("1. 10.0.0.1: 3 queries"))
                        .anyMatch(e -> e.contains("undecodable record on console"));
            }
        }
    }
}
