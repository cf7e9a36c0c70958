package io.netinsights.capture.kafka;

import io.netinsights.capture.sink.ItemSink;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.PodEvent;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes items and pod events to Kafka as binary Avro, keyed by node name, with each record's
 * timestamp set to the item's (or event's) time: the script job derives its event-time watermarks
 * from it. The producer is idempotent with {@code acks=all}. Capture never waits on Kafka for long:
 * when more than {@link KafkaPublisherOptions#maxPendingBytes()} are unacknowledged, further
 * records are dropped and counted, and a send blocks at most {@code max.block.ms}.
 */
public final class KafkaItemPublisher implements ItemSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaItemPublisher.class);

    /** Items older than this (a replayed capture) risk the broker's default 7-day retention. */
    private static final long OLD_MILLIS = Duration.ofDays(6).toMillis();

    private final KafkaPublisherOptions options;
    private final KafkaProducer<byte[], byte[]> producer;
    private final byte[] key;
    private final AvroEncoder<ApiItem> items = new AvroEncoder<>(ApiItem.class);
    private final AvroEncoder<PodEvent> podEvents = new AvroEncoder<>(PodEvent.class);
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean warnedOld = new AtomicBoolean();

    private KafkaItemPublisher(KafkaPublisherOptions options, KafkaProducer<byte[], byte[]> p) {
        this.options = options;
        this.producer = p;
        this.key = options.key().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Creates the producer and waits until the metadata of both topics is known.
     *
     * @throws IOException when Kafka cannot be reached, or a topic does not exist (and is not
     *     created automatically), within the connect timeout
     */
    public static KafkaItemPublisher open(KafkaPublisherOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        producerConfig(options),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
        try {
            awaitTopic(producer, options, options.itemsTopic());
            awaitTopic(producer, options, options.podEventsTopic());
        } catch (IOException | RuntimeException e) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new KafkaItemPublisher(options, producer);
    }

    /** The producer configuration: idempotent, acks=all, small buffer, short blocking. */
    static Map<String, Object> producerConfig(KafkaPublisherOptions options) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "netinsights-shipper-" + options.key());
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Our own bound drops records first; the producer's buffer only has to hold that much.
        c.put(
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                Math.max(1L << 20, 2 * options.maxPendingBytes()));
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, options.maxBlock().toMillis());
        c.putAll(options.producerProperties());
        return c;
    }

    private static void awaitTopic(
            KafkaProducer<byte[], byte[]> producer, KafkaPublisherOptions options, String topic)
            throws IOException {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return;
            } catch (TimeoutException e) {
                // partitionsFor waits max.block.ms at a time; keep asking until the deadline.
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException(
                            "no metadata for topic "
                                    + topic
                                    + " from Kafka at "
                                    + options.bootstrapServers()
                                    + " within "
                                    + options.connectTimeout().toSeconds()
                                    + " s (is Kafka reachable, does the topic exist?)",
                            e);
                }
            }
        }
    }

    @Override
    public void item(ApiItem item) {
        long ts = item.getTimestamp();
        if (ts < System.currentTimeMillis() - OLD_MILLIS && warnedOld.compareAndSet(false, true)) {
            // Record time is item time, and time-based retention counts from it: a broker may
            // delete a replayed capture right after accepting it.
            LOG.warn(
                    "items are older than 6 days (item {} at {}): give topic {} retention.ms=-1"
                            + " or the broker may delete them at once",
                    item.getId(),
                    Instant.ofEpochMilli(ts),
                    options.itemsTopic());
        }
        send(options.itemsTopic(), ts, items.encode(item), item.getId());
    }

    @Override
    public void podEvent(PodEvent event) {
        send(
                options.podEventsTopic(),
                event.getTimestamp(),
                podEvents.encode(event),
                event.getNamespace() + "/" + event.getName());
    }

    private void send(String topic, long timestamp, byte[] value, String what) {
        long size = (long) key.length + value.length;
        if (closed.get()) {
            drop(topic, what, "publisher closed", null);
            return;
        }
        if (pendingBytes.get() + size > options.maxPendingBytes()) {
            String why =
                    size > options.maxPendingBytes()
                            ? "record of " + size + " bytes is over the send bound"
                            : "send buffer full";
            drop(topic, what, why, null);
            return;
        }
        pendingBytes.addAndGet(size);
        Completion done = new Completion(topic, what, size);
        try {
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value), done);
        } catch (RuntimeException e) {
            done.onCompletion(null, e);
        }
    }

    private void drop(String topic, String what, String why, Exception cause) {
        long n = dropped.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
            // The first drop, then every power of two: visible without flooding the log.
            LOG.warn(
                    "dropped {} for {} ({}), {} dropped so far: {}",
                    what,
                    topic,
                    why,
                    n,
                    cause == null ? "" : cause.toString());
        }
    }

    /** Records Kafka acknowledged. */
    public long acked() {
        return acked.get();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Bytes sent and not yet acknowledged. */
    public long pendingBytes() {
        return pendingBytes.get();
    }

    /** A no-op: the producer sends on its own within {@code linger.ms}; close() waits. */
    @Override
    public void flush() {
        // Nothing to do: flushing the producer here would block the capture thread.
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producer.close(options.closeTimeout());
            LOG.info("Kafka publisher closed: {} acknowledged, {} dropped", acked(), dropped());
        }
    }

    /** Settles one record exactly once, from the producer's callback or a failed send. */
    private final class Completion implements org.apache.kafka.clients.producer.Callback {
        private final String topic;
        private final String what;
        private final long size;
        private final AtomicBoolean settled = new AtomicBoolean();

        Completion(String topic, String what, long size) {
            this.topic = topic;
            this.what = what;
            this.size = size;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception e) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            pendingBytes.addAndGet(-size);
            if (e == null) {
                acked.incrementAndGet();
            } else {
                drop(topic, what, "send failed", e);
            }
        }
    }
}
