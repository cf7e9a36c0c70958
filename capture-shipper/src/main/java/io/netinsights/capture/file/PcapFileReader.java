package io.netinsights.capture.file;

import io.netinsights.capture.decode.LinkTypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Classic pcap: a 24-byte file header, then records of a 16-byte header and the captured bytes.
 * Both byte orders, microsecond and nanosecond magics, and the 24-byte record headers of
 * Kuznetzov's patched format. Checks and fixes follow libpcap (sf-pcap.c) so that results match
 * what libpcap gave: a capture length above the link type's maximum is damage, one above the file's
 * snap length is cut to it, and files of versions 2.0 to 2.3 may have the two lengths swapped.
 */
final class PcapFileReader extends CaptureFileReader {

    private static final int MICRO = 0xa1b2c3d4;
    private static final int NANO = 0xa1b23c4d;
    private static final int PATCHED = 0xa1b2cd34;
    private static final int FILE_HEADER = 24;

    /** Version 2.3 and older wrote the lengths in either order, before that always swapped. */
    private enum Lengths {
        IN_ORDER,
        SWAPPED,
        MAYBE_SWAPPED
    }

    private boolean nanos;
    private int recordHeader = 16;
    private int snapshot;
    private int maxCaplen;
    private Lengths lengths = Lengths.IN_ORDER;

    PcapFileReader(Path file, FileBuffer in) {
        super(file, in);
    }

    static boolean isMagic(int magic) {
        int swapped = Integer.reverseBytes(magic);
        return magic == MICRO
                || magic == NANO
                || magic == PATCHED
                || swapped == MICRO
                || swapped == NANO
                || swapped == PATCHED;
    }

    @Override
    void readHeader() throws IOException {
        if (!in.request(FILE_HEADER)) {
            throw new IOException(
                    "cannot read capture file "
                            + file
                            + ": truncated pcap file header ("
                            + in.available()
                            + " of 24 bytes)");
        }
        ByteBuffer b = in.buffer();
        int p = in.position();
        int magic = b.getInt(p);
        if (!(magic == MICRO || magic == NANO || magic == PATCHED)) {
            in.order(ByteOrder.LITTLE_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        nanos = magic == NANO;
        recordHeader = magic == PATCHED ? 24 : 16;
        int major = b.getShort(p + 4) & 0xffff;
        int minor = b.getShort(p + 6) & 0xffff;
        checkVersion(major, minor);
        int fileLinkType = b.getInt(p + 20) & 0x03ffffff; // the high bits hold the FCS length
        linkType = LinkTypes.fromFileLinkType(fileLinkType);
        maxCaplen = LinkTypes.maxCaptureLength(linkType);
        long snaplen = u32(b, p + 16);
        snapshot = snaplen == 0 || snaplen > maxCaplen ? maxCaplen : (int) snaplen;
        in.skip(FILE_HEADER);
    }

    private void checkVersion(int major, int minor) throws IOException {
        if (major == 2 && minor <= 4 || major == 543 && minor == 0) {
            lengths =
                    major == 543 || minor < 3
                            ? Lengths.SWAPPED
                            : minor == 3 ? Lengths.MAYBE_SWAPPED : Lengths.IN_ORDER;
            return;
        }
        throw new IOException(
                "cannot read capture file "
                        + file
                        + ": unsupported pcap version "
                        + major
                        + "."
                        + minor);
    }

    @Override
    Status read() throws IOException {
        if (!in.request(recordHeader)) {
            return in.available() == 0
                    ? Status.END
                    : damaged(
                            "truncated pcap file: record header of "
                                    + in.available()
                                    + " of "
                                    + recordHeader
                                    + " bytes");
        }
        ByteBuffer b = in.buffer();
        int p = in.position();
        long seconds = u32(b, p);
        long fraction = u32(b, p + 4);
        long caplen = u32(b, p + 8);
        long len = u32(b, p + 12);
        if (lengths == Lengths.SWAPPED || lengths == Lengths.MAYBE_SWAPPED && caplen > len) {
            caplen = len;
        }
        if (caplen > maxCaplen) {
            return damaged(
                    "invalid packet capture length " + caplen + ", bigger than " + maxCaplen);
        }
        int total = recordHeader + (int) caplen;
        if (!in.request(total)) {
            return damaged(
                    "truncated pcap file: record of "
                            + caplen
                            + " captured bytes, only "
                            + (in.available() - recordHeader));
        }
        p = in.position();
        copyFrame(p + recordHeader, Math.min((int) caplen, snapshot));
        if (nanos) {
            fraction /= 1000;
        }
        if (fraction >= 1_000_000) {
            // Read through libpcap and pcap4j, such a record was skipped and counted; it still is.
            return badRecord(
                    "record with a timestamp fraction of " + fraction + " microseconds", total);
        }
        timestampMicros = seconds * 1_000_000 + fraction;
        in.skip(total);
        return Status.PACKET;
    }
}
