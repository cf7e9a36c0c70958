package io.netinsights.capture;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one capture: what was read, what became items, and what was dropped or could not be
 * parsed. The pipeline updates it from the reading thread; read it from the same thread (or after
 * the reader is done).
 */
public final class CaptureStats {

    /** What is counted. */
    public enum Counter {
        /** Packets read. */
        PACKETS("packets"),
        /** Captured bytes read. */
        BYTES("bytes"),
        /** Packets that were not IPv4/IPv6 TCP/UDP (ARP, ICMP, unknown link type, ...). */
        SKIPPED_PACKETS("skipped"),
        /** Packets cut short by the snap length (captured less than the IP length). */
        TRUNCATED_PACKETS("truncated"),
        /** IP fragments seen. */
        IP_FRAGMENTS("ipFragments"),
        /** IP datagrams rebuilt from fragments. */
        REASSEMBLED_DATAGRAMS("reassembled"),
        /** TCP and UDP flows handed to a dissector or tracked for one. */
        FLOWS("flows"),
        /** Items emitted, paired or not. */
        ITEMS("items"),
        /** Requests emitted without a response ({@code pair-not-found}). */
        UNPAIRED("unpaired"),
        /** Responses that matched no request and were dropped. */
        ORPHAN_RESPONSES("orphanResponses"),
        /** Malformed packets or protocol messages (counted, never thrown). */
        PARSE_ERRORS("parseErrors"),
        /** Data dropped to stay within bounds (flows, buffered bytes, fragments). */
        DROPS("drops"),
        /**
         * TCP gaps: stretches of a stream the capture never saw, given up on (see {@link
         * io.netinsights.capture.tcp.TcpReassembler}); parsers resynchronise after each.
         */
        GAPS("gaps"),
        /** Bytes lost in TCP gaps. */
        GAP_BYTES("gapBytes"),
        /** Items emitted with a request or response that lost bytes to a gap ({@code gap}). */
        GAP_ITEMS("gapItems"),
        /** Exchanges dropped because a gap took the start of their request. */
        GAP_DROPS("gapDrops"),
        /** Errors reading the capture file itself (for example a truncated file). */
        READ_ERRORS("readErrors"),
        /**
         * Unexpected exceptions inside the pipeline or a dissector (bugs, not bad input); the
         * packet, or the rest of the flow, is skipped and the capture goes on.
         */
        INTERNAL_ERRORS("internalErrors");

        private final String label;

        Counter(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final long[] counts = new long[Counter.values().length];
    private final Map<String, long[]> itemsByProtocol = new TreeMap<>();

    /** Adds {@code n} to a counter. */
    public void add(Counter counter, long n) {
        counts[counter.ordinal()] += n;
    }

    /** Adds one to a counter. */
    public void increment(Counter counter) {
        counts[counter.ordinal()]++;
    }

    /** Counts one emitted item of a protocol (and {@link Counter#ITEMS}). */
    public void countItem(String protocol) {
        counts[Counter.ITEMS.ordinal()]++;
        itemsByProtocol.computeIfAbsent(protocol, p -> new long[1])[0]++;
    }

    public long get(Counter counter) {
        return counts[counter.ordinal()];
    }

    public long packets() {
        return get(Counter.PACKETS);
    }

    public long bytes() {
        return get(Counter.BYTES);
    }

    public long flows() {
        return get(Counter.FLOWS);
    }

    public long items() {
        return get(Counter.ITEMS);
    }

    public long parseErrors() {
        return get(Counter.PARSE_ERRORS);
    }

    public long drops() {
        return get(Counter.DROPS);
    }

    public long unpaired() {
        return get(Counter.UNPAIRED);
    }

    public long readErrors() {
        return get(Counter.READ_ERRORS);
    }

    /** Items per protocol name ({@code http}, {@code dns}, ...), sorted by name. */
    public Map<String, Long> itemsByProtocol() {
        Map<String, Long> out = new TreeMap<>();
        itemsByProtocol.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    /** Items of one protocol. */
    public long items(String protocol) {
        long[] n = itemsByProtocol.get(protocol);
        return n == null ? 0 : n[0];
    }

    /**
     * One line with every counter, for logs: {@code packets=13 bytes=6252 ... items=1 (http=1)}.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Counter c : Counter.values()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c.label()).append('=').append(counts[c.ordinal()]);
            if (c == Counter.ITEMS && !itemsByProtocol.isEmpty()) {
                sb.append(" (");
                String sep = "";
                for (Map.Entry<String, long[]> e : itemsByProtocol.entrySet()) {
                    sb.append(sep).append(e.getKey()).append('=').append(e.getValue()[0]);
                    sep = " ";
                }
                sb.append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
