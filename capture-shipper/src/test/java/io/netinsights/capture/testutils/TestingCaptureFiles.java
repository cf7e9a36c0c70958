package io.netinsights.capture.testutils;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds pcap and pcapng files byte by byte for reader tests: either byte order, nanosecond magics,
 * several pcapng sections and interfaces with their own link types and timestamp resolutions, and
 * every packet block type.
 */
public final class TestingCaptureFiles {

    private TestingCaptureFiles() {}

    /** A classic pcap file; records are added with {@link Pcap#record}. */
    public static Pcap pcap(ByteOrder order, boolean nanos, int linkType) {
        return new Pcap(order, nanos, linkType);
    }

    /** A pcapng file that starts with a section header in {@code order}. */
    public static Pcapng pcapng(ByteOrder order) {
        return new Pcapng().section(order);
    }

    /** Classic pcap. */
    public static final class Pcap {
        private final ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Pcap(ByteOrder order, boolean nanos, int linkType) {
            this.order = order;
            ByteBuffer b = ByteBuffer.allocate(24).order(order);
            b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4);
            b.putInt(0).putInt(0).putInt(65535).putInt(linkType);
            out.writeBytes(b.array());
        }

        /** A record; {@code fraction} is in microseconds or nanoseconds as the magic says. */
        public Pcap record(long seconds, long fraction, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(16).order(order);
            b.putInt((int) seconds).putInt((int) fraction).putInt(data.length).putInt(data.length);
            out.writeBytes(b.array());
            out.writeBytes(data);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** pcapng. */
    public static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order;

        /** A section header block; the blocks after it use {@code order}. */
        public Pcapng section(ByteOrder order) {
            this.order = order;
            ByteBuffer b = ByteBuffer.allocate(16).order(order);
            b.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1L);
            return block(0x0a0d0d0a, b.array());
        }

        /** An interface; {@code tsresol} is the if_tsresol byte, or -1 to leave it out. */
        public Pcapng iface(int linkType, int snaplen, int tsresol, long tsoffset) {
            ByteBuffer b = ByteBuffer.allocate(8 + 8 + 12 + 4).order(order);
            b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            if (tsresol >= 0) {
                b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            }
            if (tsoffset != 0) {
                b.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
            }
            b.putShort((short) 0).putShort((short) 0);
            return block(1, slice(b));
        }

        /** An enhanced packet block with a timestamp in the interface's ticks. */
        public Pcapng epb(int iface, long ticks, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(20 + pad(data.length)).order(order);
            b.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks);
            b.putInt(data.length).putInt(data.length).put(data);
            return block(6, b.array());
        }

        /** An obsolete packet block (type 2). */
        public Pcapng pb(int iface, long ticks, byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(20 + pad(data.length)).order(order);
            b.putShort((short) iface).putShort((short) 0);
            b.putInt((int) (ticks >>> 32)).putInt((int) ticks);
            b.putInt(data.length).putInt(data.length).put(data);
            return block(2, b.array());
        }

        /** A simple packet block (interface 0, no timestamp). */
        public Pcapng spb(byte[] data) {
            ByteBuffer b = ByteBuffer.allocate(4 + pad(data.length)).order(order);
            b.putInt(data.length).put(data);
            return block(3, b.array());
        }

        /** Any block; {@code body} is padded to 4 bytes. */
        public Pcapng block(int type, byte[] body) {
            int total = 12 + pad(body.length);
            ByteBuffer b = ByteBuffer.allocate(total).order(order);
            b.putInt(type).putInt(total).put(body);
            b.position(total - 4);
            b.putInt(total);
            out.writeBytes(b.array());
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] a = new byte[b.position()];
        b.flip().get(a);
        return a;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
