package io.netinsights.jobs.reports;

import java.util.Objects;

/**
 * The records that report stages pass between them: Flink POJOs (public fields, no-argument
 * constructors), so they are serialized without Kryo.
 */
public final class ReportEvents {
    private ReportEvents() {}

    /** An address that took part in an item (or the window marker {@code ""}) in a window. */
    public static final class PodTouch {
        public String address = "";

        public PodTouch() {}

        public PodTouch(String address) {
            this.address = address;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PodTouch t && t.address.equals(address);
        }

        @Override
        public int hashCode() {
            return address.hashCode();
        }

        @Override
        public String toString() {
            return "PodTouch(" + address + ")";
        }
    }

    /** Items and bytes of one talker pair in one window. */
    public static final class TalkerTotal {
        public String talkers = "";
        public long windowStart;
        public long count;
        public long bytes;

        public TalkerTotal() {}

        public TalkerTotal(String talkers, long windowStart, long count, long bytes) {
            this.talkers = talkers;
            this.windowStart = windowStart;
            this.count = count;
            this.bytes = bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TalkerTotal t
                    && t.talkers.equals(talkers)
                    && t.windowStart == windowStart
                    && t.count == count
                    && t.bytes == bytes;
        }

        @Override
        public int hashCode() {
            return Objects.hash(talkers, windowStart, count, bytes);
        }
    }

    /**
     * An item whose flow would be denied, attributed to one report key: a policy that denies it
     * ({@code keyKind = "policy"}) or the workload whose traffic is cut ({@code "workload"}).
     */
    public static final class DeniedFlow {
        public String keyKind = "";
        public String key = "";
        public String flow = "";
        public String direction = "";
        public String policies = "";
        public String itemId = "";

        public DeniedFlow() {}

        public DeniedFlow(
                String keyKind,
                String key,
                String flow,
                String direction,
                String policies,
                String itemId) {
            this.keyKind = keyKind;
            this.key = key;
            this.flow = flow;
            this.direction = direction;
            this.policies = policies;
            this.itemId = itemId;
        }

        /** The report key: kind and key. */
        public String reportKey() {
            return keyKind + "|" + key;
        }
    }

    /** Count and example item ids of one denied flow in a window. */
    public static final class FlowStat {
        public String direction = "";
        public String policies = "";
        public long count;
        public String examples = "";

        public FlowStat() {}
    }
}
