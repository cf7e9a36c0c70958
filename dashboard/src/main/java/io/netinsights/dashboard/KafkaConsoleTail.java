package io.netinsights.dashboard;

import io.netinsights.schemas.ConsoleLine;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Kafka mode: tails the console and reports topics (Avro {@link ConsoleLine}s, as the Kafka script
 * job writes them) into the dashboard's event log, as {@code line} events with {@code run} 0 and
 * the topic they came from. Starts at the end of each topic; a record that does not decode becomes
 * an {@code error} line instead of stopping the tail.
 */
public final class KafkaConsoleTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaConsoleTail.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConsoleHub hub;
    private final Thread thread;
    private final SpecificDatumReader<ConsoleLine> reader =
            new SpecificDatumReader<>(ConsoleLine.class);
    private BinaryDecoder decoder;

    public KafkaConsoleTail(
            String bootstrap, List<String> topics, String offsetReset, ConsoleHub hub) {
        this.hub = hub;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "netinsights-dashboard-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The job writes in Kafka transactions: lines of aborted ones were never output.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        consumer.subscribe(topics);
        thread = new Thread(this::loop, "dashboard-kafka-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    hub.publish(toEvent(r.topic(), r.value()));
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Kafka tail stopped");
        } catch (RuntimeException e) {
            LOG.warn("Kafka tail failed", e);
            hub.publish(
                    JSON.createObjectNode()
                            .put("type", "line")
                            .put("run", 0)
                            .put("source", "kafka")
                            .put("instance", "dashboard")
                            .put("level", "error")
                            .put("text", "Kafka tail failed: " + e.getMessage())
                            .toString());
        } finally {
            consumer.close();
        }
    }

    String toEvent(String topic, byte[] value) {
        var e =
                JSON.createObjectNode()
                        .put("type", "line")
                        .put("run", 0)
                        .put("source", "kafka")
                        .put("topic", topic);
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            ConsoleLine line = reader.read(null, decoder);
            e.put("instance", line.getInstance())
                    .put("level", line.getLevel().name().toLowerCase(Locale.ROOT))
                    .put("text", line.getText())
                    .put("timestamp", line.getTimestamp());
        } catch (IOException | RuntimeException bad) {
            e.put("instance", "dashboard")
                    .put("level", "error")
                    .put("text", "undecodable record on " + topic + ": " + bad.getMessage());
        }
        return e.toString();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
