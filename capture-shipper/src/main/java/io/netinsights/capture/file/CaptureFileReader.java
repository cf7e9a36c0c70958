package io.netinsights.capture.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads the packets of a pcap or pcapng file in pure Java, one at a time into a reused frame
 * buffer, so that reading allocates nothing per packet. Problems after the file header never throw:
 * {@link #next()} reports a bad record (skipped, reading goes on) or damage (reading stops), and
 * {@link #problem()} says what was wrong. Link types are libpcap DLT values, as {@code
 * pcap_datalink} gives them for files. Not thread-safe.
 */
public abstract class CaptureFileReader implements AutoCloseable {

    /** What {@link #next()} found. */
    public enum Status {
        /** A packet: see {@link #frame()}, {@link #length()}, {@link #timestampMicros()}. */
        PACKET,
        /** A record that cannot be used although the file goes on; it was skipped. */
        BAD_RECORD,
        /** The end of the file. */
        END,
        /** The file is truncated or damaged here; there is nothing more to read. */
        DAMAGED
    }

    final Path file;
    final FileBuffer in;
    private byte[] frame = new byte[65536];
    int length;
    long timestampMicros;
    int linkType;
    String problem;
    private boolean done;

    CaptureFileReader(Path file, FileBuffer in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens a capture file and reads its header (for pcapng: up to the first interface).
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException "not a pcap or pcapng file: X" when it is something else, and "cannot
     *     read capture file X: reason" when its header is damaged or of an unsupported version
     */
    public static CaptureFileReader open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        FileBuffer in = new FileBuffer(FileChannel.open(file, StandardOpenOption.READ));
        try {
            if (!in.request(4)) {
                throw new IOException("not a pcap or pcapng file: " + file);
            }
            int magic = in.buffer().getInt(in.position()); // big-endian: the bytes as written
            CaptureFileReader reader;
            if (magic == PcapngFileReader.SHB) {
                reader = new PcapngFileReader(file, in);
            } else if (PcapFileReader.isMagic(magic)) {
                reader = new PcapFileReader(file, in);
            } else {
                throw new IOException("not a pcap or pcapng file: " + file);
            }
            reader.readHeader();
            return reader;
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Reads the file header; a problem there is an {@link IOException} for the caller of open. */
    abstract void readHeader() throws IOException;

    /** Reads the next record; returns {@link Status#END} at the end and after damage. */
    abstract Status read() throws IOException;

    /**
     * Reads the next packet. After {@link Status#END} or {@link Status#DAMAGED} every call returns
     * {@link Status#END}.
     */
    public final Status next() {
        if (done) {
            return Status.END;
        }
        Status s;
        try {
            s = read();
        } catch (IOException | RuntimeException e) {
            // A read error, or a bug on a file nobody foresaw: either ends the file, never the
            // caller.
            problem = "cannot read at offset " + in.fileOffset() + ": " + e;
            s = Status.DAMAGED;
        }
        done = s == Status.END || s == Status.DAMAGED;
        return s;
    }

    /** The packet's captured bytes, valid until the next call of {@link #next()}. */
    public final byte[] frame() {
        return frame;
    }

    /** How many bytes of {@link #frame()} were captured. */
    public final int length() {
        return length;
    }

    /** Capture time of the packet in Unix microseconds. */
    public final long timestampMicros() {
        return timestampMicros;
    }

    /**
     * Link type (DLT) of the packet. Before the first packet: of the file (pcap) or of its first
     * interface (pcapng).
     */
    public final int linkType() {
        return linkType;
    }

    /** Why the last record was bad or the file damaged; null when nothing went wrong. */
    public final String problem() {
        return problem;
    }

    /** Copies {@code n} bytes at {@code index} of the buffer into the frame. */
    final void copyFrame(int index, int n) {
        if (frame.length < n) {
            frame = new byte[Math.max(n, frame.length * 2)];
        }
        in.buffer().get(index, frame, 0, n);
        length = n;
    }

    final Status damaged(String what) {
        problem = what + " at offset " + in.fileOffset();
        return Status.DAMAGED;
    }

    final Status badRecord(String what, int recordLength) {
        problem = what + " at offset " + in.fileOffset();
        in.skip(recordLength);
        return Status.BAD_RECORD;
    }

    static long u32(ByteBuffer b, int index) {
        return b.getInt(index) & 0xffffffffL;
    }

    @Override
    public void close() throws IOException {
        done = true;
        in.close();
    }
}
