package io.netinsights.capture.decode;

import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuilds IPv4 and IPv6 datagrams from fragments, within fixed bounds: at most {@link
 * #MAX_PENDING} datagrams in progress, {@link #MAX_DATAGRAM} bytes each (twice that held, to allow
 * some duplicates), and {@link #TIMEOUT_MICROS} of capture time to complete. What exceeds a bound
 * is dropped and counted. Overlapping fragments are copied in arrival order (later bytes win).
 */
final class FragmentReassembler {

    static final int MAX_PENDING = 256;
    static final int MAX_DATAGRAM = 65_535;
    static final long TIMEOUT_MICROS = 30_000_000L;

    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final CaptureStats stats;

    FragmentReassembler(CaptureStats stats) {
        this.stats = stats;
    }

    /**
     * Stores one fragment of the datagram whose addresses are in {@code pkt}.
     *
     * @return the transport datagram (header and payload) once every fragment is there, else null
     */
    byte[] add(
            DecodedPacket pkt,
            long id,
            int proto,
            int offset,
            boolean more,
            byte[] b,
            int from,
            int len) {
        long now = pkt.timestampMicros;
        expire(now);
        if (offset + len > MAX_DATAGRAM) {
            stats.increment(Counter.PARSE_ERRORS);
            return null;
        }
        Key key = new Key(pkt.ipVersion, pkt.srcHi, pkt.srcLo, pkt.dstHi, pkt.dstLo, id, proto);
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= MAX_PENDING) {
                evictOldest();
            }
            p = new Pending(now);
            pending.put(key, p);
        }
        if (p.held + len > 2 * MAX_DATAGRAM) {
            pending.remove(key);
            stats.increment(Counter.DROPS);
            return null;
        }
        p.add(offset, b, from, len, more);
        byte[] datagram = p.assemble();
        if (datagram != null) {
            pending.remove(key);
        }
        return datagram;
    }

    private void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.firstMicros <= TIMEOUT_MICROS) {
                return;
            }
            it.remove();
            stats.increment(Counter.DROPS);
        }
    }

    private void evictOldest() {
        Iterator<Pending> it = pending.values().iterator();
        it.next();
        it.remove();
        stats.increment(Counter.DROPS);
    }

    private static final class Key {
        private final int version;
        private final long srcHi;
        private final long srcLo;
        private final long dstHi;
        private final long dstLo;
        private final long id;
        private final int proto;

        Key(int version, long srcHi, long srcLo, long dstHi, long dstLo, long id, int proto) {
            this.version = version;
            this.srcHi = srcHi;
            this.srcLo = srcLo;
            this.dstHi = dstHi;
            this.dstLo = dstLo;
            this.id = id;
            this.proto = proto;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return version == k.version
                    && srcHi == k.srcHi
                    && srcLo == k.srcLo
                    && dstHi == k.dstHi
                    && dstLo == k.dstLo
                    && id == k.id
                    && proto == k.proto;
        }

        @Override
        public int hashCode() {
            return Objects.hash(srcHi, srcLo, dstHi, dstLo, id, proto);
        }
    }

    /** Fragments of one datagram. */
    private static final class Pending {
        private final long firstMicros;
        private final List<int[]> spans = new ArrayList<>(); // {offset, length, index}
        private final List<byte[]> data = new ArrayList<>();
        private int total = -1;
        private int held;

        Pending(long firstMicros) {
            this.firstMicros = firstMicros;
        }

        void add(int offset, byte[] b, int from, int len, boolean more) {
            byte[] copy = new byte[len];
            System.arraycopy(b, from, copy, 0, len);
            spans.add(new int[] {offset, len, data.size()});
            data.add(copy);
            held += len;
            if (!more) {
                total = offset + len;
            }
        }

        byte[] assemble() {
            if (total < 0) {
                return null;
            }
            List<int[]> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingInt(s -> s[0]));
            int covered = 0;
            for (int[] s : sorted) {
                if (s[0] > covered) {
                    return null;
                }
                covered = Math.max(covered, s[0] + s[1]);
            }
            if (covered < total) {
                return null;
            }
            byte[] out = new byte[total];
            for (int[] s : spans) {
                int n = Math.min(s[1], total - s[0]);
                if (n > 0) {
                    System.arraycopy(data.get(s[2]), 0, out, s[0], n);
                }
            }
            return out;
        }
    }
}
