package io.netinsights.capture.flow;

import io.netinsights.capture.decode.DecodedPacket;

/**
 * The 5-tuple of a flow in canonical order, so that both directions of a connection find the same
 * key: side A is the smaller (address, port). One mutable instance serves as the lookup probe (no
 * allocation per packet); the table stores immutable copies.
 */
final class FlowKey {

    private int protocol;
    private int version;
    private long aHi;
    private long aLo;
    private long bHi;
    private long bLo;
    private int aPort;
    private int bPort;
    private int hash;

    /** Sets this probe from a packet; returns the packet's direction (0 = A to B, 1 = B to A). */
    int set(DecodedPacket p) {
        protocol = p.protocol();
        version = p.ipVersion();
        int cmp = compare(p.srcHi(), p.srcLo(), p.srcPort(), p.dstHi(), p.dstLo(), p.dstPort());
        int direction;
        if (cmp <= 0) {
            direction = 0;
            setSides(p.srcHi(), p.srcLo(), p.srcPort(), p.dstHi(), p.dstLo(), p.dstPort());
        } else {
            direction = 1;
            setSides(p.dstHi(), p.dstLo(), p.dstPort(), p.srcHi(), p.srcLo(), p.srcPort());
        }
        return direction;
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.protocol = protocol;
        k.version = version;
        k.aHi = aHi;
        k.aLo = aLo;
        k.bHi = bHi;
        k.bLo = bLo;
        k.aPort = aPort;
        k.bPort = bPort;
        k.hash = hash;
        return k;
    }

    int protocol() {
        return protocol;
    }

    int version() {
        return version;
    }

    long hi(int side) {
        return side == 0 ? aHi : bHi;
    }

    long lo(int side) {
        return side == 0 ? aLo : bLo;
    }

    int port(int side) {
        return side == 0 ? aPort : bPort;
    }

    private void setSides(long ah, long al, int ap, long bh, long bl, int bp) {
        aHi = ah;
        aLo = al;
        aPort = ap;
        bHi = bh;
        bLo = bl;
        bPort = bp;
        long h = protocol * 31L + version;
        h = h * 1_000_003L ^ ah;
        h = h * 1_000_003L ^ al;
        h = h * 1_000_003L ^ bh;
        h = h * 1_000_003L ^ bl;
        h = h * 1_000_003L ^ ((long) ap << 16 | bp);
        hash = (int) (h ^ (h >>> 32));
    }

    private static int compare(long h1, long l1, int p1, long h2, long l2, int p2) {
        int c = Long.compareUnsigned(h1, h2);
        if (c == 0) {
            c = Long.compareUnsigned(l1, l2);
        }
        return c != 0 ? c : Integer.compare(p1, p2);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlowKey)) {
            return false;
        }
        FlowKey k = (FlowKey) o;
        return hash == k.hash
                && protocol == k.protocol
                && version == k.version
                && aLo == k.aLo
                && bLo == k.bLo
                && aHi == k.aHi
                && bHi == k.bHi
                && aPort == k.aPort
                && bPort == k.bPort;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
