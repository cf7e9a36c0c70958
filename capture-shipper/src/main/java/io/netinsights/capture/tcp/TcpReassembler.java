package io.netinsights.capture.tcp;

import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the segments of one direction of a TCP connection back in order. In-order data goes straight
 * to the {@link StreamConsumer} without copying; retransmitted and overlapping bytes are cut off;
 * segments that arrive early are copied and held until the gap before them fills, within a byte
 * allowance given per call. A capture that starts mid-connection anchors the stream at the first
 * segment that carries data or FIN.
 *
 * <p>Stream positions are 64-bit offsets from the anchor, so sequence-number wrap-around is handled
 * by 32-bit differences only. Extension points for later: skipping a gap that never fills (today
 * the data behind it waits until the end and is then dropped), and idle eviction (done one level
 * up, by the flow table).
 */
public final class TcpReassembler {

    private final int direction;
    private final TreeMap<Long, Segment> early = new TreeMap<>();
    private boolean anchored;
    private int nextSeq;
    private long delivered;
    private int held;
    private boolean finSeen;
    private int finSeq;
    private boolean ended;

    public TcpReassembler(int direction) {
        this.direction = direction;
    }

    /**
     * Takes one segment.
     *
     * @param allowance most bytes this direction may hold for out-of-order data after this call
     * @return bytes dropped because the allowance was exceeded (0 normally)
     */
    public int onSegment(
            int seq,
            boolean syn,
            boolean fin,
            byte[] buf,
            int off,
            int len,
            long tsMicros,
            int allowance,
            StreamConsumer consumer) {
        if (ended) {
            return 0;
        }
        int dataSeq = seq;
        if (syn) {
            dataSeq = seq + 1;
            if (!anchored || (delivered == 0 && early.isEmpty())) {
                anchored = true;
                nextSeq = dataSeq;
            }
        } else if (!anchored) {
            if (len == 0 && !fin) {
                return 0;
            }
            anchored = true;
            nextSeq = seq;
        }
        int dropped = len > 0 ? accept(dataSeq, buf, off, len, tsMicros, allowance, consumer) : 0;
        if (fin && !finSeen) {
            finSeen = true;
            finSeq = dataSeq + len;
        }
        drainEarly(consumer);
        if (finSeen && nextSeq - finSeq >= 0) {
            end(tsMicros, consumer);
        }
        return dropped;
    }

    /** Ends the direction now (RST, eviction, end of capture); held data is discarded. */
    public void end(long tsMicros, StreamConsumer consumer) {
        if (ended) {
            return;
        }
        ended = true;
        early.clear();
        held = 0;
        consumer.onEnd(direction, tsMicros);
    }

    public boolean isEnded() {
        return ended;
    }

    /** Whether any byte has been delivered. */
    public boolean hasDelivered() {
        return delivered > 0;
    }

    /** Bytes held for out-of-order delivery. */
    public int heldBytes() {
        return held;
    }

    private int accept(
            int seq,
            byte[] buf,
            int off,
            int len,
            long tsMicros,
            int allowance,
            StreamConsumer consumer) {
        int diff = seq - nextSeq;
        if (diff <= 0) {
            long skip = -(long) diff; // a long: -Integer.MIN_VALUE does not fit an int
            if (skip < len) {
                deliver(buf, off + (int) skip, len - (int) skip, tsMicros, consumer);
            }
            return 0;
        }
        long position = delivered + diff;
        Segment existing = early.get(position);
        if (existing != null && existing.data.length >= len) {
            return 0; // retransmission of a segment already held
        }
        int growth = len - (existing == null ? 0 : existing.data.length);
        if (held + growth > allowance) {
            return len;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        early.put(position, new Segment(copy, tsMicros));
        held += growth;
        return 0;
    }

    private void drainEarly(StreamConsumer consumer) {
        while (!early.isEmpty()) {
            Map.Entry<Long, Segment> first = early.firstEntry();
            long position = first.getKey();
            if (position > delivered) {
                return;
            }
            early.pollFirstEntry();
            Segment s = first.getValue();
            held -= s.data.length;
            long skip = delivered - position;
            if (skip < s.data.length) {
                deliver(s.data, (int) skip, s.data.length - (int) skip, s.tsMicros, consumer);
            }
        }
    }

    private void deliver(byte[] buf, int off, int len, long tsMicros, StreamConsumer consumer) {
        nextSeq += len;
        delivered += len;
        consumer.onData(direction, buf, off, len, tsMicros);
    }

    /** A segment held until the data before it arrives. */
    private static final class Segment {
        final byte[] data;
        final long tsMicros;

        Segment(byte[] data, long tsMicros) {
            this.data = data;
            this.tsMicros = tsMicros;
        }
    }
}
