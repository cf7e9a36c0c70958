package io.netinsights.capture.file;

import io.netinsights.capture.decode.LinkTypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: sections (each with its own byte order and interfaces), interface description blocks with
 * their link type, snap length, {@code if_tsresol} and {@code if_tsoffset}, and packets from
 * enhanced, simple and (obsolete) packet blocks; other blocks are skipped. Unlike libpcap, the
 * interfaces of a file may have different link types. A simple packet block has no timestamp; its
 * packet gets time 0, as libpcap gives it. A block whose length is wrong or cut off ends the file
 * ({@link Status#DAMAGED}); a packet block that cannot be used but is framed correctly is skipped
 * ({@link Status#BAD_RECORD}).
 */
final class PcapngFileReader extends CaptureFileReader {

    static final int SHB = 0x0a0d0d0a;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;
    private static final int MAX_BLOCK = 16 * 1024 * 1024;
    private static final int OPT_END = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    private final List<PcapngInterface> interfaces = new ArrayList<>();

    PcapngFileReader(Path file, FileBuffer in) {
        super(file, in);
    }

    /** Reads the section header and the blocks up to the first interface. */
    @Override
    void readHeader() throws IOException {
        while (interfaces.isEmpty()) {
            Status s = block();
            if (s == Status.DAMAGED) {
                throw new IOException("cannot read capture file " + file + ": " + problem);
            }
            if (s != null) {
                throw new IOException(
                        "cannot read capture file "
                                + file
                                + ": "
                                + (s == Status.END
                                        ? "no interface description block"
                                        : "a packet block before any interface description"));
            }
        }
        linkType = interfaces.get(0).dlt;
        problem = null;
    }

    @Override
    Status read() throws IOException {
        Status s;
        do {
            s = block();
        } while (s == null);
        return s;
    }

    /** Reads one block; null when it is no packet block and reading goes on. */
    private Status block() throws IOException {
        if (!in.request(8)) {
            return in.available() == 0
                    ? Status.END
                    : damaged(
                            "truncated pcapng file: block header of " + in.available() + " bytes");
        }
        if (in.buffer().getInt(in.position()) == SHB && !sectionByteOrder()) {
            return Status.DAMAGED;
        }
        long total = u32(in.buffer(), in.position() + 4);
        if (total < 12 || total % 4 != 0 || total > MAX_BLOCK) {
            return damaged("pcapng block with a bad length of " + total + " bytes");
        }
        if (!in.request((int) total)) {
            return damaged(
                    "truncated pcapng file: block of "
                            + total
                            + " bytes, only "
                            + in.available()
                            + " left");
        }
        ByteBuffer b = in.buffer();
        int p = in.position();
        int length = (int) total;
        switch (b.getInt(p)) {
            case SHB:
                return section(b, p, length);
            case IDB:
                return addInterface(b, p, length);
            case EPB:
                return packet(b, p, length, u32(b, p + 8), 28);
            case PB:
                return packet(b, p, length, b.getShort(p + 8) & 0xffff, 28);
            case SPB:
                return simplePacket(b, p, length);
            default:
                in.skip(length);
                return null;
        }
    }

    /** Sets the byte order from a section header; false when its magic is neither order. */
    private boolean sectionByteOrder() throws IOException {
        if (!in.request(12)) {
            damaged("truncated pcapng file: section header of " + in.available() + " bytes");
            return false;
        }
        int magic = in.buffer().getInt(in.position() + 8);
        if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            in.order(
                    in.order() == ByteOrder.BIG_ENDIAN
                            ? ByteOrder.LITTLE_ENDIAN
                            : ByteOrder.BIG_ENDIAN);
        } else if (magic != BYTE_ORDER_MAGIC) {
            damaged("pcapng section header with a bad byte-order magic");
            return false;
        }
        return true;
    }

    private Status section(ByteBuffer b, int p, int length) {
        if (length < 28) {
            return damaged("pcapng section header of " + length + " bytes");
        }
        int major = b.getShort(p + 12) & 0xffff;
        if (major != 1) {
            return damaged("unsupported pcapng version " + major);
        }
        interfaces.clear();
        in.skip(length);
        return null;
    }

    private Status addInterface(ByteBuffer b, int p, int length) {
        if (length < 20) {
            return damaged("pcapng interface description of " + length + " bytes");
        }
        int dlt = LinkTypes.fromFileLinkType(b.getShort(p + 8) & 0xffff);
        int max = LinkTypes.maxCaptureLength(dlt);
        long snaplen = u32(b, p + 12);
        int tsresol = 6;
        long offset = 0;
        int o = p + 16;
        int end = p + length - 4;
        while (o + 4 <= end) {
            int code = b.getShort(o) & 0xffff;
            int n = b.getShort(o + 2) & 0xffff;
            if (code == OPT_END) {
                break;
            }
            if (o + 4 + n > end || code == IF_TSRESOL && n != 1 || code == IF_TSOFFSET && n != 8) {
                return damaged("pcapng interface option " + code + " of " + n + " bytes");
            }
            if (code == IF_TSRESOL) {
                tsresol = b.get(o + 4) & 0xff;
            } else if (code == IF_TSOFFSET) {
                offset = b.getLong(o + 4);
            }
            o += 4 + ((n + 3) & ~3);
        }
        int snapshot = snaplen == 0 || snaplen > max ? max : (int) snaplen;
        PcapngInterface i = PcapngInterface.of(dlt, snapshot, tsresol, offset);
        if (i == null) {
            return damaged("pcapng interface timestamp resolution " + tsresol + " is too fine");
        }
        interfaces.add(i);
        in.skip(length);
        return null;
    }

    /** An enhanced or obsolete packet block: both have the timestamp and lengths at 12 to 28. */
    private Status packet(ByteBuffer b, int p, int length, long interfaceId, int dataOffset) {
        if (length < dataOffset + 4) {
            return badRecord("pcapng packet block of " + length + " bytes", length);
        }
        if (interfaceId >= interfaces.size()) {
            return badRecord("packet of undescribed interface " + interfaceId, length);
        }
        long caplen = u32(b, p + 20);
        if (caplen > length - dataOffset - 4) {
            return badRecord("pcapng packet longer than its block", length);
        }
        PcapngInterface i = interfaces.get((int) interfaceId);
        long ticks = (u32(b, p + 12) << 32) | u32(b, p + 16);
        copyFrame(p + dataOffset, (int) Math.min(caplen, i.snapshot));
        timestampMicros = i.micros(ticks);
        linkType = i.dlt;
        in.skip(length);
        return Status.PACKET;
    }

    private Status simplePacket(ByteBuffer b, int p, int length) {
        if (length < 16 || interfaces.isEmpty()) {
            return badRecord("pcapng simple packet block without interface", length);
        }
        PcapngInterface i = interfaces.get(0);
        long caplen = Math.min(u32(b, p + 8), Math.min(length - 16, i.snapshot));
        copyFrame(p + 12, (int) caplen);
        timestampMicros = 0;
        linkType = i.dlt;
        in.skip(length);
        return Status.PACKET;
    }
}
