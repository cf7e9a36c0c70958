package io.netinsights.cli;

import io.netinsights.schemas.ConsoleLine;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads Avro {@link ConsoleLine}s from a console topic, committed records only (the job writes them
 * in Kafka transactions, and an aborted transaction's lines were never output). Assigns every
 * partition itself and commits nothing, so readers never disturb each other. A record that does not
 * decode is reported as an error line and skipped.
 */
final class ConsoleTopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private static final SpecificDatumReader<ConsoleLine> READER =
            new SpecificDatumReader<>(ConsoleLine.class);

    ConsoleTopicReader(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new Errors.UserError("no console topic " + topic + " on " + bootstrap);
            }
            partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Starts from the first record, to print what was written before. */
    ConsoleTopicReader fromBeginning() {
        consumer.seekToBeginning(partitions);
        return this;
    }

    /** Starts after the last committed record, to print only what comes. */
    ConsoleTopicReader fromEnd() {
        endOffsets().forEach(consumer::seek);
        return this;
    }

    /** The offsets after the last committed record of each partition, as of now. */
    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /** Whether every partition has been read up to {@code end}. */
    boolean reached(Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }

    /** Waits up to {@code timeout} for records and hands each decoded line to {@code sink}. */
    void poll(Duration timeout, Consumer<ConsoleLine> sink) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            sink.accept(decode(r));
        }
    }

    /** One record as the job's console sink writes it. */
    static ConsoleLine decode(byte[] value) throws IOException {
        return READER.read(null, DecoderFactory.get().binaryDecoder(value, null));
    }

    private static ConsoleLine decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return decode(r.value());
        } catch (IOException | RuntimeException e) {
            return ConsoleLine.newBuilder()
                    .setScript("")
                    .setInstance("netinsights")
                    .setLevel(io.netinsights.schemas.ConsoleLevel.ERROR)
                    .setText(
                            "undecodable record at "
                                    + r.topic()
                                    + "-"
                                    + r.partition()
                                    + "@"
                                    + r.offset()
                                    + ": "
                                    + e.getMessage())
                    .setTimestamp(r.timestamp())
                    .build();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
