package io.netinsights.capture.decode;

import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;

/**
 * Decodes raw frames (link layer, IPv4/IPv6 with extension headers and fragments, TCP/UDP) into a
 * reused {@link DecodedPacket}, without allocating on the common path. Checksums are not verified
 * because offloading makes them wrong in most captures.
 */
public final class PacketDecoder {

    /** Outcome of {@link #decode}. */
    public enum Result {
        /** The packet is TCP or UDP and {@link DecodedPacket} holds it. */
        OK,
        /** Not TCP/UDP over IP; nothing to do. */
        SKIPPED,
        /** Headers are inconsistent or cut short. */
        MALFORMED,
        /** An IP fragment was stored; the datagram is not complete yet. */
        HELD
    }

    private static final int MAX_IPV6_EXTENSIONS = 8;

    private final FragmentReassembler fragments;
    private final CaptureStats stats;

    public PacketDecoder(CaptureStats stats) {
        this.stats = stats;
        this.fragments = new FragmentReassembler(stats);
    }

    /** Decodes the first {@code len} bytes of {@code frame}, captured at {@code tsMicros}. */
    public Result decode(int dlt, byte[] frame, int len, long tsMicros, DecodedPacket out) {
        int ip = LinkTypes.ipOffset(dlt, frame, len);
        if (ip == LinkTypes.NO_IP) {
            return Result.SKIPPED;
        }
        if (ip >= len) {
            return Result.MALFORMED;
        }
        out.buffer = frame;
        out.timestampMicros = tsMicros;
        int version = (frame[ip] & 0xff) >>> 4;
        if (version == 4) {
            return ipv4(frame, ip, len, out);
        }
        if (version == 6) {
            return ipv6(frame, ip, len, out);
        }
        return dlt == LinkTypes.ETHERNET ? Result.MALFORMED : Result.SKIPPED;
    }

    private Result ipv4(byte[] b, int off, int len, DecodedPacket out) {
        if (len - off < 20) {
            return Result.MALFORMED;
        }
        int ihl = (b[off] & 0x0f) * 4;
        int total = Bytes.u16(b, off + 2);
        int end = ipEnd(off, total, len);
        if (ihl < 20 || (total != 0 && total < ihl) || off + ihl > end) {
            return Result.MALFORMED;
        }
        out.ipVersion = 4;
        out.srcHi = 0;
        out.srcLo = Bytes.u32(b, off + 12) & 0xffffffffL;
        out.dstHi = 0;
        out.dstLo = Bytes.u32(b, off + 16) & 0xffffffffL;
        int proto = b[off + 9] & 0xff;
        int frag = Bytes.u16(b, off + 6);
        boolean more = (frag & 0x2000) != 0;
        int fragOffset = (frag & 0x1fff) * 8;
        if (more || fragOffset != 0) {
            if (!isTransport(proto)) {
                return Result.SKIPPED;
            }
            long id = Bytes.u16(b, off + 4);
            return fragment(out, id, proto, fragOffset, more, b, off + ihl, end);
        }
        return transport(proto, b, off + ihl, end, out);
    }

    private Result ipv6(byte[] b, int off, int len, DecodedPacket out) {
        if (len - off < 40) {
            return Result.MALFORMED;
        }
        int payload = Bytes.u16(b, off + 4);
        int end = ipEnd(off, payload == 0 ? 0 : payload + 40, len);
        out.ipVersion = 6;
        out.srcHi = Bytes.u64(b, off + 8);
        out.srcLo = Bytes.u64(b, off + 16);
        out.dstHi = Bytes.u64(b, off + 24);
        out.dstLo = Bytes.u64(b, off + 32);
        return ipv6Payload(b, b[off + 6] & 0xff, off + 40, end, out);
    }

    /** Walks the IPv6 extension headers from {@code p} to the transport header. */
    private Result ipv6Payload(byte[] b, int next, int p, int end, DecodedPacket out) {
        for (int i = 0; i < MAX_IPV6_EXTENSIONS; i++) {
            boolean extension = next == 0 || next == 43 || next == 60 || next == 51 || next == 44;
            if (!extension) {
                return p > end ? Result.MALFORMED : transport(next, b, p, end, out);
            }
            if (p + 8 > end) {
                return Result.MALFORMED;
            }
            int header = next;
            next = b[p] & 0xff;
            if (header == 44) { // fragment
                int fo = Bytes.u16(b, p + 2);
                if ((fo & 0xfff9) != 0) { // offset or more-fragments set: a real fragment
                    long id = Bytes.u32(b, p + 4) & 0xffffffffL;
                    return isTransport(next)
                            ? fragment(out, id, next, fo & 0xfff8, (fo & 1) != 0, b, p + 8, end)
                            : Result.SKIPPED;
                }
                p += 8; // atomic fragment: the header carries the whole datagram
            } else if (header == 51) { // authentication header: length in 4-byte units
                p += ((b[p + 1] & 0xff) + 2) * 4;
            } else { // hop-by-hop, routing, destination options: length in 8-byte units
                p += ((b[p + 1] & 0xff) + 1) * 8;
            }
        }
        return Result.SKIPPED;
    }

    /** End of the IP datagram within the captured bytes; counts snap-length truncation. */
    private int ipEnd(int off, int total, int len) {
        if (total == 0) {
            return len; // TSO captures and jumbograms leave the length at 0
        }
        if (off + total > len) {
            stats.increment(Counter.TRUNCATED_PACKETS);
            return len;
        }
        return off + total;
    }

    private Result fragment(
            DecodedPacket out,
            long id,
            int proto,
            int fragOffset,
            boolean more,
            byte[] b,
            int from,
            int end) {
        stats.increment(Counter.IP_FRAGMENTS);
        byte[] datagram = fragments.add(out, id, proto, fragOffset, more, b, from, end - from);
        if (datagram == null) {
            return Result.HELD;
        }
        stats.increment(Counter.REASSEMBLED_DATAGRAMS);
        out.buffer = datagram;
        return transport(proto, datagram, 0, datagram.length, out);
    }

    private static boolean isTransport(int proto) {
        return proto == DecodedPacket.PROTO_TCP || proto == DecodedPacket.PROTO_UDP;
    }

    private static Result transport(int proto, byte[] b, int off, int end, DecodedPacket out) {
        if (proto == DecodedPacket.PROTO_TCP) {
            return tcp(b, off, end, out);
        }
        if (proto == DecodedPacket.PROTO_UDP) {
            return udp(b, off, end, out);
        }
        return Result.SKIPPED;
    }

    private static Result tcp(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 20) {
            return Result.MALFORMED;
        }
        int dataOffset = ((b[off + 12] & 0xff) >>> 4) * 4;
        if (dataOffset < 20 || off + dataOffset > end) {
            return Result.MALFORMED;
        }
        out.protocol = DecodedPacket.PROTO_TCP;
        out.srcPort = Bytes.u16(b, off);
        out.dstPort = Bytes.u16(b, off + 2);
        out.seq = Bytes.u32(b, off + 4);
        out.ack = Bytes.u32(b, off + 8);
        out.tcpFlags = b[off + 13] & 0x3f;
        out.payloadOffset = off + dataOffset;
        out.payloadLength = end - off - dataOffset;
        return Result.OK;
    }

    private static Result udp(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 8) {
            return Result.MALFORMED;
        }
        int udpLength = Bytes.u16(b, off + 4);
        int payloadEnd = udpLength >= 8 ? Math.min(end, off + udpLength) : end;
        out.protocol = DecodedPacket.PROTO_UDP;
        out.srcPort = Bytes.u16(b, off);
        out.dstPort = Bytes.u16(b, off + 2);
        out.tcpFlags = 0;
        out.seq = 0;
        out.ack = 0;
        out.payloadOffset = off + 8;
        out.payloadLength = payloadEnd - off - 8;
        return Result.OK;
    }
}
