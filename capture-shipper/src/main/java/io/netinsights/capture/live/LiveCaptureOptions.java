package io.netinsights.capture.live;

import java.util.Objects;

/**
 * Settings of a live capture on one network interface: the libpcap handle (snap length, read
 * timeout, kernel buffer, BPF filter) and the capture loop (duration, wall-clock tick). Immutable;
 * build it with {@link #builder(String)}.
 */
public final class LiveCaptureOptions {

    public static final int DEFAULT_SNAPLEN = 65_536;
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 100;
    public static final int DEFAULT_BUFFER_BYTES = 16 << 20;
    public static final long DEFAULT_TICK_MILLIS = 200L;
    public static final long DEFAULT_IDLE_SLEEP_MILLIS = 2L;

    private final String interfaceName;
    private final String filter;
    private final int snaplen;
    private final int readTimeoutMillis;
    private final int bufferBytes;
    private final boolean promiscuous;
    private final long durationMillis;
    private final long tickMillis;
    private final long idleSleepMillis;

    private LiveCaptureOptions(Builder b) {
        this.interfaceName = b.interfaceName;
        this.filter = b.filter;
        this.snaplen = b.snaplen;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.bufferBytes = b.bufferBytes;
        this.promiscuous = b.promiscuous;
        this.durationMillis = b.durationMillis;
        this.tickMillis = b.tickMillis;
        this.idleSleepMillis = b.idleSleepMillis;
    }

    /** Options for capturing on {@code interfaceName} ({@code lo}, {@code eth0}, {@code any}). */
    public static Builder builder(String interfaceName) {
        return new Builder(interfaceName);
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** BPF filter expression (tcpdump syntax); empty captures everything. */
    public String filter() {
        return filter;
    }

    public int snaplen() {
        return snaplen;
    }

    /** libpcap's read timeout; reads are non-blocking, so it only batches kernel delivery. */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** Kernel capture buffer; packets beyond it are dropped by the kernel and counted. */
    public int bufferBytes() {
        return bufferBytes;
    }

    public boolean promiscuous() {
        return promiscuous;
    }

    /** How long to capture; 0 captures until {@link LiveCapture#stop()}. */
    public long durationMillis() {
        return durationMillis;
    }

    /**
     * How often the wall clock is fed to the pipeline when packets are scarce, so that pairing and
     * idle-flow timeouts fire on an idle interface too.
     */
    public long tickMillis() {
        return tickMillis;
    }

    /** Pause of the capture loop when the kernel has nothing to deliver. */
    public long idleSleepMillis() {
        return idleSleepMillis;
    }

    @Override
    public String toString() {
        return "LiveCaptureOptions{interface="
                + interfaceName
                + ", filter='"
                + filter
                + "', snaplen="
                + snaplen
                + ", durationMillis="
                + durationMillis
                + "}";
    }

    /**
     * Builder of {@link LiveCaptureOptions}; {@link #build()} says what to fix when a value is bad.
     */
    public static final class Builder {
        private final String interfaceName;
        private String filter = "";
        private int snaplen = DEFAULT_SNAPLEN;
        private int readTimeoutMillis = DEFAULT_READ_TIMEOUT_MILLIS;
        private int bufferBytes = DEFAULT_BUFFER_BYTES;
        private boolean promiscuous;
        private long durationMillis;
        private long tickMillis = DEFAULT_TICK_MILLIS;
        private long idleSleepMillis = DEFAULT_IDLE_SLEEP_MILLIS;

        private Builder(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        public Builder filter(String v) {
            this.filter = v == null ? "" : v.trim();
            return this;
        }

        public Builder snaplen(int v) {
            this.snaplen = v;
            return this;
        }

        public Builder readTimeoutMillis(int v) {
            this.readTimeoutMillis = v;
            return this;
        }

        public Builder bufferBytes(int v) {
            this.bufferBytes = v;
            return this;
        }

        public Builder promiscuous(boolean v) {
            this.promiscuous = v;
            return this;
        }

        public Builder durationMillis(long v) {
            this.durationMillis = v;
            return this;
        }

        public Builder tickMillis(long v) {
            this.tickMillis = v;
            return this;
        }

        public Builder idleSleepMillis(long v) {
            this.idleSleepMillis = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting to fix
         */
        public LiveCaptureOptions build() {
            if (interfaceName == null || interfaceName.isBlank()) {
                throw new IllegalArgumentException("interface name must be non-empty (e.g. lo)");
            }
            Objects.requireNonNull(filter, "filter");
            if (snaplen < 64 || snaplen > 262_144) {
                throw new IllegalArgumentException("snaplen must be in 64..262144, got " + snaplen);
            }
            positive("readTimeoutMillis", readTimeoutMillis);
            positive("bufferBytes", bufferBytes);
            positive("tickMillis", tickMillis);
            positive("idleSleepMillis", idleSleepMillis);
            if (durationMillis < 0) {
                throw new IllegalArgumentException(
                        "durationMillis must be >= 0 (0 = until stopped), got " + durationMillis);
            }
            return new LiveCaptureOptions(this);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }
}
