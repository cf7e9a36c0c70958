package io.netinsights.jobs.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Kafka sources and sinks every job on Kafka uses (script and report jobs alike), built the
 * same way from {@link KafkaOptions}: committed records only, the group's offsets or the chosen
 * reset, bounded at the latest offsets for replays, and transactional sinks whose ids derive from
 * the job's prefix.
 */
public final class KafkaConnectors {
    private KafkaConnectors() {}

    /** Raw records of {@code topic} for consumer group {@code groupId}. */
    public static KafkaSource<byte[]> source(KafkaOptions kafka, String topic, String groupId) {
        return builder(kafka, groupId).setTopics(topic).build();
    }

    /** Pod events are optional: a pattern subscription waits for the topic instead of failing. */
    public static KafkaSource<byte[]> podSource(KafkaOptions kafka) {
        KafkaSourceBuilder<byte[]> b =
                builder(kafka, kafka.groupId() + "-pods")
                        .setTopicPattern(Pattern.compile(Pattern.quote(kafka.podEventsTopic())));
        if (!kafka.bounded()) {
            b.setProperty("partition.discovery.interval.ms", "30000");
        }
        return b.build();
    }

    /** Exactly once when the options ask for it (needs checkpointing), else at least once. */
    public static DeliveryGuarantee outputGuarantee(KafkaOptions kafka) {
        return kafka.exactlyOnce()
                ? DeliveryGuarantee.EXACTLY_ONCE
                : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /**
     * A sink of {@code value}-serialised records to {@code topic}; {@code what} names its
     * transactions (unique within a job).
     */
    public static <T> KafkaSink<T> sink(
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

    /** Whether the broker has {@code topic}; fails with the reason when it cannot be asked. */
    public static boolean topicExists(KafkaOptions kafka, String topic) {
        try (Admin admin =
                Admin.create(
                        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot list topics at " + kafka.bootstrap() + ": " + e.getMessage(), e);
        }
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
                        // Only committed records: items a shipper wrote in an aborted transaction
                        // must not be counted.
                        .setProperty("isolation.level", "read_committed");
        if (kafka.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder;
    }
}
