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
 * <p>A gap (bytes the capture never saw) is given up on, reported to {@link StreamConsumer#onGap}
 * with its size, and the held data after it delivered, as soon as one of these confirms that no
 * retransmission will fill it:
 *
 * <ol>
 *   <li>the peer acknowledged bytes inside the gap ({@link #onPeerAck}) while data after the gap is
 *       held: the sender will not resend what was acknowledged, so the capture dropped it. The
 *       acknowledged part is skipped; the rest may still be retransmitted;
 *   <li>holding a new early segment would exceed the allowance: the oldest gaps are skipped, one by
 *       one, until it fits (or, if it alone is larger, up to the segment itself);
 *   <li>the direction ends ({@link #end}: RST, idle eviction, end of capture, connection reuse):
 *       every held segment is delivered after its gap, and bytes missing before a FIN already seen
 *       are reported as a last gap.
 * </ol>
 *
 * An acknowledgement alone, with nothing held after the gap, confirms nothing: it also covers a FIN
 * the capture missed, and the data after the gap, when it comes, confirms it then. A capture that
 * records a segment only after the acknowledgement of it (reordered by the capturing host, or
 * merged from two interfaces) loses that segment to a gap, as Zeek's content gaps do; the segment,
 * arriving late, is cut as a retransmission.
 *
 * <p>Stream positions are 64-bit offsets from the anchor, so sequence-number wrap-around is handled
 * by 32-bit differences only. Idle eviction is done one level up, by the flow table.
 */
public final class TcpReassembler {

    private final int direction;
    private final TreeMap<Long, Segment> early = new TreeMap<>();
    private boolean anchored;
    private int nextSeq;
    private long delivered;
    private long acked;
    private long lastMicros;
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
     */
    public void onSegment(
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
            return;
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
                return;
            }
            anchored = true;
            nextSeq = seq;
        }
        if (len > 0) {
            accept(dataSeq, buf, off, len, tsMicros, allowance, consumer);
        }
        if (fin && !finSeen) {
            finSeen = true;
            finSeq = dataSeq + len;
        }
        drainEarly(consumer);
        skipAckedGaps(tsMicros, consumer);
        endIfFinReached(tsMicros, consumer);
    }

    /**
     * The other direction acknowledged every byte of this one before sequence number {@code ack}.
     * Gaps it covers are given up on when data after them is held (rule 1 of the class comment).
     */
    public void onPeerAck(int ack, long tsMicros, StreamConsumer consumer) {
        if (ended || !anchored) {
            return;
        }
        int diff = ack - nextSeq;
        if (diff <= 0) {
            return;
        }
        acked = Math.max(acked, delivered + diff);
        skipAckedGaps(tsMicros, consumer);
        endIfFinReached(tsMicros, consumer);
    }

    /**
     * Ends the direction now (RST, eviction, end of capture): held data is delivered after the gaps
     * before it, which are reported as lost (rule 3 of the class comment).
     */
    public void end(long tsMicros, StreamConsumer consumer) {
        if (ended) {
            return;
        }
        while (!early.isEmpty()) {
            skip(early.firstKey() - delivered, tsMicros, consumer);
            drainEarly(consumer);
        }
        if (finSeen && finSeq - nextSeq > 0) {
            skip(finSeq - nextSeq, tsMicros, consumer);
        }
        ended = true;
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

    private void accept(
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
            return;
        }
        long position = delivered + diff;
        Segment existing = early.get(position);
        if (existing != null && existing.data.length >= len) {
            return; // retransmission of a segment already held
        }
        int growth = len - (existing == null ? 0 : existing.data.length);
        if (held + growth > allowance) {
            makeRoom(seq, buf, off, len, tsMicros, allowance, consumer);
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        early.put(position, new Segment(copy, tsMicros));
        held += growth;
    }

    /**
     * Holding this segment would exceed the allowance: give up the oldest gaps until it fits, or up
     * to the segment itself when it alone is larger (rule 2 of the class comment).
     */
    private void makeRoom(
            int seq,
            byte[] buf,
            int off,
            int len,
            long tsMicros,
            int allowance,
            StreamConsumer consumer) {
        while (!early.isEmpty() && held + len > allowance) {
            skip(early.firstKey() - delivered, tsMicros, consumer);
            drainEarly(consumer);
        }
        int diff = seq - nextSeq;
        if (diff > 0 && held + len > allowance) {
            skip(diff, tsMicros, consumer);
        }
        accept(seq, buf, off, len, tsMicros, allowance, consumer);
    }

    private void skipAckedGaps(long tsMicros, StreamConsumer consumer) {
        while (!early.isEmpty() && acked > delivered) {
            skip(Math.min(early.firstKey(), acked) - delivered, tsMicros, consumer);
            drainEarly(consumer);
        }
    }

    /**
     * Reports a gap at the time of the last bytes delivered before it (the lost bytes were sent
     * after them), so that a message standing in for what was lost is not later than a reply to it.
     */
    private void skip(long lost, long tsMicros, StreamConsumer consumer) {
        if (lost <= 0) {
            return;
        }
        nextSeq += (int) lost;
        delivered += lost;
        consumer.onGap(direction, lost, delivered > lost ? lastMicros : tsMicros);
    }

    private void endIfFinReached(long tsMicros, StreamConsumer consumer) {
        if (finSeen && !ended && nextSeq - finSeq >= 0) {
            end(tsMicros, consumer);
        }
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
        lastMicros = tsMicros;
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
