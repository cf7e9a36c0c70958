package io.netinsights.capture;

import java.io.Serializable;
import java.util.Objects;

/**
 * Settings of one capture: the node identity written into every item and the bounds that keep
 * memory and pairing state finite. Immutable; build it with {@link #builder()} or take {@link
 * #defaults()}.
 */
public final class CaptureOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_NODE_NAME = "node-1";
    public static final int DEFAULT_MAX_FLOWS = 100_000;
    public static final int DEFAULT_MAX_BYTES_PER_FLOW = 1 << 20;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 << 10;
    public static final long DEFAULT_PAIR_TIMEOUT_MILLIS = 30_000L;
    public static final long DEFAULT_FLOW_IDLE_TIMEOUT_MILLIS = 300_000L;

    private final String nodeName;
    private final String nodeIp;
    private final int maxFlows;
    private final int maxBytesPerFlow;
    private final int maxBodyBytes;
    private final long pairTimeoutMillis;
    private final long flowIdleTimeoutMillis;

    private CaptureOptions(Builder b) {
        this.nodeName = b.nodeName;
        this.nodeIp = b.nodeIp;
        this.maxFlows = b.maxFlows;
        this.maxBytesPerFlow = b.maxBytesPerFlow;
        this.maxBodyBytes = b.maxBodyBytes;
        this.pairTimeoutMillis = b.pairTimeoutMillis;
        this.flowIdleTimeoutMillis = b.flowIdleTimeoutMillis;
    }

    /** Options with every default. */
    public static CaptureOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Node name written to {@code node.name} and {@code worker}; default {@code node-1}. */
    public String nodeName() {
        return nodeName;
    }

    /** Node IP written to {@code node.ip}; default empty. */
    public String nodeIp() {
        return nodeIp;
    }

    /** Most TCP/UDP flows tracked at once; packets of further new flows are dropped and counted. */
    public int maxFlows() {
        return maxFlows;
    }

    /** Most bytes one flow may buffer (out-of-order segments); beyond it data is dropped. */
    public int maxBytesPerFlow() {
        return maxBytesPerFlow;
    }

    /** Most body bytes kept per HTTP message, before and after content decoding. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Capture time after which an unanswered request becomes a {@code pair-not-found} item. */
    public long pairTimeoutMillis() {
        return pairTimeoutMillis;
    }

    /** Capture time after which a silent flow is closed and forgotten. */
    public long flowIdleTimeoutMillis() {
        return flowIdleTimeoutMillis;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CaptureOptions)) {
            return false;
        }
        CaptureOptions x = (CaptureOptions) o;
        return nodeName.equals(x.nodeName)
                && nodeIp.equals(x.nodeIp)
                && maxFlows == x.maxFlows
                && maxBytesPerFlow == x.maxBytesPerFlow
                && maxBodyBytes == x.maxBodyBytes
                && pairTimeoutMillis == x.pairTimeoutMillis
                && flowIdleTimeoutMillis == x.flowIdleTimeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                nodeName,
                nodeIp,
                maxFlows,
                maxBytesPerFlow,
                maxBodyBytes,
                pairTimeoutMillis,
                flowIdleTimeoutMillis);
    }

    @Override
    public String toString() {
        return "CaptureOptions{nodeName="
                + nodeName
                + ", nodeIp="
                + nodeIp
                + ", maxFlows="
                + maxFlows
                + ", maxBytesPerFlow="
                + maxBytesPerFlow
                + ", maxBodyBytes="
                + maxBodyBytes
                + ", pairTimeoutMillis="
                + pairTimeoutMillis
                + ", flowIdleTimeoutMillis="
                + flowIdleTimeoutMillis
                + "}";
    }

    /** Builder of {@link CaptureOptions}; {@link #build()} says what to fix when a value is bad. */
    public static final class Builder {
        private String nodeName = DEFAULT_NODE_NAME;
        private String nodeIp = "";
        private int maxFlows = DEFAULT_MAX_FLOWS;
        private int maxBytesPerFlow = DEFAULT_MAX_BYTES_PER_FLOW;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private long pairTimeoutMillis = DEFAULT_PAIR_TIMEOUT_MILLIS;
        private long flowIdleTimeoutMillis = DEFAULT_FLOW_IDLE_TIMEOUT_MILLIS;

        private Builder() {}

        public Builder nodeName(String v) {
            this.nodeName = v;
            return this;
        }

        public Builder nodeIp(String v) {
            this.nodeIp = v;
            return this;
        }

        public Builder maxFlows(int v) {
            this.maxFlows = v;
            return this;
        }

        public Builder maxBytesPerFlow(int v) {
            this.maxBytesPerFlow = v;
            return this;
        }

        public Builder maxBodyBytes(int v) {
            this.maxBodyBytes = v;
            return this;
        }

        public Builder pairTimeoutMillis(long v) {
            this.pairTimeoutMillis = v;
            return this;
        }

        public Builder flowIdleTimeoutMillis(long v) {
            this.flowIdleTimeoutMillis = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting to fix
         */
        public CaptureOptions build() {
            if (nodeName == null || nodeName.isEmpty()) {
                throw new IllegalArgumentException("nodeName must be a non-empty string");
            }
            if (nodeIp == null) {
                throw new IllegalArgumentException("nodeIp must not be null (use \"\")");
            }
            positive("maxFlows", maxFlows);
            positive("maxBytesPerFlow", maxBytesPerFlow);
            positive("maxBodyBytes", maxBodyBytes);
            positive("pairTimeoutMillis", pairTimeoutMillis);
            positive("flowIdleTimeoutMillis", flowIdleTimeoutMillis);
            return new CaptureOptions(this);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }
}
