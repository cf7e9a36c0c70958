package io.netinsights.jobs.kafka;

import java.io.Serializable;
import java.util.Objects;

/** Where the Kafka script job reads and writes, and with which guarantees. */
public final class KafkaOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where a new consumer group starts. */
    public enum StartFrom {
        EARLIEST,
        LATEST
    }

    private final String bootstrap;
    private final String itemsTopic;
    private final String podEventsTopic;
    private final String consoleTopic;
    private final String reportsTopic;
    private final String deadLetterTopic;
    private final String groupId;
    private final StartFrom startFrom;
    private final boolean bounded;
    private final boolean exactlyOnce;
    private final String transactionalIdPrefix;

    private KafkaOptions(Builder b) {
        this.bootstrap = b.bootstrap;
        this.itemsTopic = b.itemsTopic;
        this.podEventsTopic = b.podEventsTopic;
        this.consoleTopic = b.consoleTopic;
        this.reportsTopic = b.reportsTopic;
        this.deadLetterTopic = b.deadLetterTopic;
        this.groupId = b.groupId;
        this.startFrom = b.startFrom;
        this.bounded = b.bounded;
        this.exactlyOnce = b.exactlyOnce;
        this.transactionalIdPrefix = b.transactionalIdPrefix;
    }

    public static Builder builder(String bootstrap) {
        return new Builder(bootstrap);
    }

    public String bootstrap() {
        return bootstrap;
    }

    public String itemsTopic() {
        return itemsTopic;
    }

    public String podEventsTopic() {
        return podEventsTopic;
    }

    public String consoleTopic() {
        return consoleTopic;
    }

    public String reportsTopic() {
        return reportsTopic;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public String groupId() {
        return groupId;
    }

    public StartFrom startFrom() {
        return startFrom;
    }

    /** Stop at the offsets that were latest when the job started (replays and tests). */
    public boolean bounded() {
        return bounded;
    }

    /** Kafka transactions committed on checkpoints (needs checkpointing). */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    /** Builder with the default topic names of flink-deploy/kafka-topics.yaml. */
    public static final class Builder {
        private final String bootstrap;
        private String itemsTopic = "items";
        private String podEventsTopic = "pod-events";
        private String consoleTopic = "console";
        private String reportsTopic = "reports";
        private String deadLetterTopic = "dead-letters";
        private String groupId = "netinsights-script";
        private StartFrom startFrom = StartFrom.EARLIEST;
        private boolean bounded;
        private boolean exactlyOnce = true;
        private String transactionalIdPrefix = "netinsights-script";

        private Builder(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        public Builder itemsTopic(String t) {
            this.itemsTopic = t;
            return this;
        }

        public Builder podEventsTopic(String t) {
            this.podEventsTopic = t;
            return this;
        }

        public Builder consoleTopic(String t) {
            this.consoleTopic = t;
            return this;
        }

        public Builder reportsTopic(String t) {
            this.reportsTopic = t;
            return this;
        }

        public Builder deadLetterTopic(String t) {
            this.deadLetterTopic = t;
            return this;
        }

        public Builder groupId(String g) {
            this.groupId = g;
            return this;
        }

        public Builder startFrom(StartFrom s) {
            this.startFrom = Objects.requireNonNull(s, "startFrom");
            return this;
        }

        public Builder bounded(boolean b) {
            this.bounded = b;
            return this;
        }

        public Builder exactlyOnce(boolean e) {
            this.exactlyOnce = e;
            return this;
        }

        public Builder transactionalIdPrefix(String p) {
            this.transactionalIdPrefix = p;
            return this;
        }

        public KafkaOptions build() {
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException(
                        "Kafka bootstrap servers are required (host:port)");
            }
            for (String t :
                    new String[] {itemsTopic, consoleTopic, reportsTopic, deadLetterTopic}) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("topic names must be non-empty");
                }
            }
            return new KafkaOptions(this);
        }
    }
}
