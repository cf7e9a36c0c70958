package io.netinsights.capture.decode;

/**
 * The fields of one TCP or UDP packet that the pipeline needs, filled in place by {@link
 * PacketDecoder} so that decoding allocates nothing. Addresses are two longs each (IPv4 in the low
 * 32 bits of {@code lo}); the payload is a slice of {@link #buffer()}.
 */
public final class DecodedPacket {

    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_ACK = 0x10;

    byte[] buffer;
    int ipVersion;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int protocol;
    int srcPort;
    int dstPort;
    int tcpFlags;
    int seq;
    int ack;
    int payloadOffset;
    int payloadLength;
    long timestampMicros;

    public byte[] buffer() {
        return buffer;
    }

    /** 4 or 6. */
    public int ipVersion() {
        return ipVersion;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    /** {@link #PROTO_TCP} or {@link #PROTO_UDP}. */
    public int protocol() {
        return protocol;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    /** TCP flag bits ({@link #TCP_SYN}, ...); 0 for UDP. */
    public int tcpFlags() {
        return tcpFlags;
    }

    public boolean hasFlag(int flag) {
        return (tcpFlags & flag) != 0;
    }

    /** TCP sequence number (32-bit, wraps). */
    public int seq() {
        return seq;
    }

    public int ack() {
        return ack;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Capture time of the packet (for a reassembled datagram: of its last fragment). */
    public long timestampMicros() {
        return timestampMicros;
    }

    @Override
    public String toString() {
        return (protocol == PROTO_TCP ? "TCP " : "UDP ")
                + IpFormat.format(ipVersion, srcHi, srcLo)
                + ":"
                + srcPort
                + " -> "
                + IpFormat.format(ipVersion, dstHi, dstLo)
                + ":"
                + dstPort
                + " len="
                + payloadLength;
    }
}
