package io.netinsights.capture.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@link KafkaItemPublisher}: where to publish, the record key (the node name), and the
 * bounds that keep a slow or absent Kafka from stalling capture. Immutable; build it with {@link
 * #builder(String, String)}.
 */
public final class KafkaPublisherOptions {

    public static final String DEFAULT_ITEMS_TOPIC = "items";
    public static final String DEFAULT_POD_EVENTS_TOPIC = "pod-events";
    public static final long DEFAULT_MAX_PENDING_BYTES = 16L << 20;
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofMillis(250);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final String key;
    private final String itemsTopic;
    private final String podEventsTopic;
    private final long maxPendingBytes;
    private final Duration maxBlock;
    private final Duration connectTimeout;
    private final Duration closeTimeout;
    private final Map<String, String> producerProperties;

    private KafkaPublisherOptions(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.key = b.key;
        this.itemsTopic = b.itemsTopic;
        this.podEventsTopic = b.podEventsTopic;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxBlock = b.maxBlock;
        this.connectTimeout = b.connectTimeout;
        this.closeTimeout = b.closeTimeout;
        this.producerProperties = Map.copyOf(b.producerProperties);
    }

    /**
     * @param bootstrapServers {@code host:port[,host:port]}
     * @param key the record key of everything published, the capturing node's name
     */
    public static Builder builder(String bootstrapServers, String key) {
        return new Builder(bootstrapServers, key);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Key of every record: the node name, so that the script job keys by node. */
    public String key() {
        return key;
    }

    public String itemsTopic() {
        return itemsTopic;
    }

    public String podEventsTopic() {
        return podEventsTopic;
    }

    /** Most bytes waiting for Kafka's acknowledgement; records beyond it are dropped, counted. */
    public long maxPendingBytes() {
        return maxPendingBytes;
    }

    /** Longest a send may block ({@code max.block.ms}); the producer buffer is twice the bound. */
    public Duration maxBlock() {
        return maxBlock;
    }

    /** How long {@link KafkaItemPublisher#open} waits for the topics' metadata. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long closing waits for records still in flight; the rest count as dropped. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Extra producer properties (security, for example); they override the defaults. */
    public Map<String, String> producerProperties() {
        return producerProperties;
    }

    /** Builder of {@link KafkaPublisherOptions}; {@link #build()} says what to fix. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String key;
        private String itemsTopic = DEFAULT_ITEMS_TOPIC;
        private String podEventsTopic = DEFAULT_POD_EVENTS_TOPIC;
        private long maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
        private Duration maxBlock = DEFAULT_MAX_BLOCK;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private final Map<String, String> producerProperties = new LinkedHashMap<>();

        private Builder(String bootstrapServers, String key) {
            this.bootstrapServers = bootstrapServers;
            this.key = key;
        }

        public Builder itemsTopic(String v) {
            this.itemsTopic = v;
            return this;
        }

        public Builder podEventsTopic(String v) {
            this.podEventsTopic = v;
            return this;
        }

        public Builder maxPendingBytes(long v) {
            this.maxPendingBytes = v;
            return this;
        }

        public Builder maxBlock(Duration v) {
            this.maxBlock = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            this.connectTimeout = v;
            return this;
        }

        public Builder closeTimeout(Duration v) {
            this.closeTimeout = v;
            return this;
        }

        public Builder producerProperty(String name, String value) {
            this.producerProperties.put(name, value);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting to fix
         */
        public KafkaPublisherOptions build() {
            nonEmpty("bootstrap servers (host:port)", bootstrapServers);
            nonEmpty("key (the node name)", key);
            nonEmpty("items topic", itemsTopic);
            nonEmpty("pod events topic", podEventsTopic);
            if (maxPendingBytes < 1024) {
                throw new IllegalArgumentException(
                        "maxPendingBytes must be at least 1024, got " + maxPendingBytes);
            }
            positive("maxBlock", maxBlock);
            positive("connectTimeout", connectTimeout);
            if (closeTimeout == null || closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must be >= 0");
            }
            return new KafkaPublisherOptions(this);
        }

        private static void nonEmpty(String what, String v) {
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(what + " must be non-empty");
            }
        }

        private static void positive(String what, Duration v) {
            if (v == null || v.isZero() || v.isNegative()) {
                throw new IllegalArgumentException(what + " must be > 0");
            }
        }
    }
}
