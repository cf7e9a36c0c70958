package io.netinsights.capture.testutils;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds IPv4/IPv6 TCP/UDP packets and wraps them in link layers (Ethernet with VLAN tags, Linux
 * SLL and SLL2, BSD loopback, raw IP), for tests that need captures the shared set lacks.
 */
public final class TestingFrames {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private TestingFrames() {}

    /** One captured frame. */
    public static final class Frame {
        public final long tsMicros;
        public final byte[] bytes;

        public Frame(long tsMicros, byte[] bytes) {
            this.tsMicros = tsMicros;
            this.bytes = bytes;
        }
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] tcp(
            String src,
            int sport,
            String dst,
            int dport,
            int seq,
            int ack,
            int flags,
            byte[] data) {
        ByteBuffer t = ByteBuffer.allocate(20 + data.length);
        t.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack);
        t.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0).put(data);
        return ip(src, dst, 6, t.array(), 0, false);
    }

    public static byte[] udp(String src, int sport, String dst, int dport, byte[] data) {
        ByteBuffer u = ByteBuffer.allocate(8 + data.length);
        u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length));
        u.putShort((short) 0).put(data);
        return ip(src, dst, 17, u.array(), 0, false);
    }

    /**
     * IPv4 fragments of a UDP datagram, {@code fragmentSize} payload bytes each (multiple of 8).
     */
    public static List<byte[]> udpFragments(
            String src, int sport, String dst, int dport, byte[] data, int fragmentSize, int id) {
        ByteBuffer u = ByteBuffer.allocate(8 + data.length);
        u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length));
        u.putShort((short) 0).put(data);
        byte[] datagram = u.array();
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < datagram.length; off += fragmentSize) {
            int n = Math.min(fragmentSize, datagram.length - off);
            boolean more = off + n < datagram.length;
            byte[] part = new byte[n];
            System.arraycopy(datagram, off, part, 0, n);
            out.add(ipv4(src, dst, 17, part, id, (more ? 0x2000 : 0) | (off / 8)));
        }
        return out;
    }

    private static byte[] ip(String src, String dst, int proto, byte[] l4, int id, boolean df) {
        byte[] s = addr(src);
        if (s.length == 4) {
            return ipv4(src, dst, proto, l4, id, df ? 0x4000 : 0);
        }
        ByteBuffer b = ByteBuffer.allocate(40 + l4.length);
        b.putInt(0x60000000).putShort((short) l4.length).put((byte) proto).put((byte) 64);
        b.put(s).put(addr(dst)).put(l4);
        return b.array();
    }

    private static byte[] ipv4(String src, String dst, int proto, byte[] l4, int id, int frag) {
        ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length));
        b.putShort((short) id).putShort((short) frag).put((byte) 64).put((byte) proto);
        b.putShort((short) 0).put(addr(src)).put(addr(dst)).put(l4);
        return b.array();
    }

    private static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + ip, e);
        }
    }

    private static int etherType(byte[] ip) {
        return (ip[0] >>> 4 & 0x0f) == 6 ? 0x86dd : 0x0800;
    }

    /** Ethernet II, with 802.1Q/802.1ad tags ({@code 0x8100 | vid} style: tpid then vid). */
    public static byte[] ethernet(byte[] ip, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length / 2 + ip.length);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2});
        for (int i = 0; i + 1 < tags.length; i += 2) {
            b.putShort((short) tags[i]).putShort((short) tags[i + 1]);
        }
        b.putShort((short) etherType(ip)).put(ip);
        return b.array();
    }

    public static byte[] sll(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).putShort((short) etherType(ip)).put(ip);
        return b.array();
    }

    public static byte[] sll2(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) etherType(ip)).putShort((short) 0).putInt(3);
        b.putShort((short) 1).put((byte) 0).put((byte) 6);
        b.put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).put(ip);
        return b.array();
    }

    /** BSD loopback header: address family in little-endian (as written on x86). */
    public static byte[] nullLoopback(byte[] ip) {
        int family = etherType(ip) == 0x0800 ? 2 : 30;
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
        b.put((byte) family).put((byte) 0).put((byte) 0).put((byte) 0).put(ip);
        return b.array();
    }

    /** OpenBSD loopback header: address family in network order. */
    public static byte[] loop(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
        b.putInt(etherType(ip) == 0x0800 ? 2 : 24).put(ip);
        return b.array();
    }
}
