package io.netinsights.cli;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
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
 * Reads Avro records (console lines, report records) from a job's output topic, committed records
 * only: the job writes them in Kafka transactions, and an aborted transaction's records were never
 * output. Assigns every partition itself and commits nothing, so readers never disturb each other.
 * A record that does not decode is reported as a problem and skipped.
 */
final class AvroTopicReader<T extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final SpecificDatumReader<T> reader;
    private BinaryDecoder decoder;

    AvroTopicReader(String bootstrap, String topic, Class<T> type) {
        reader = new SpecificDatumReader<>(type);
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
                throw new Errors.UserError("no topic " + topic + " on " + bootstrap);
            }
            partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Starts from the first record, to print what was written before. */
    AvroTopicReader<T> fromBeginning() {
        consumer.seekToBeginning(partitions);
        return this;
    }

    /** Starts after the last committed record, to print only what comes. */
    AvroTopicReader<T> fromEnd() {
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

    /**
     * Waits up to {@code timeout} for records, hands each decoded one to {@code sink} and says what
     * is wrong with each that does not decode to {@code problems}.
     */
    void poll(Duration timeout, Consumer<T> sink, Consumer<String> problems) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            T value;
            try {
                decoder = DecoderFactory.get().binaryDecoder(r.value(), decoder);
                value = reader.read(null, decoder);
            } catch (IOException | RuntimeException e) {
                problems.accept(
                        "undecodable record at "
                                + r.topic()
                                + "-"
                                + r.partition()
                                + "@"
                                + r.offset()
                                + ": "
                                + e);
                continue;
            }
            sink.accept(value);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
