package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.schemas.ApiItem;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Reads a pcap or pcapng file with pcap4j and yields its API items in order of completion. Only raw
 * frames come from pcap4j; decoding is {@link CapturePipeline}'s. A damaged or truncated file
 * yields the items before the damage and counts a read error; bad packets are counted in {@link
 * #stats()}, never thrown.
 */
public final class PcapItemReader implements Iterator<ApiItem>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PcapItemReader.class);

    private final Path file;
    private final PcapHandle handle;
    private final int dlt;
    private final CaptureStats stats = new CaptureStats();
    private final ArrayDeque<ApiItem> ready = new ArrayDeque<>();
    private final CapturePipeline pipeline;
    private boolean eof;
    private boolean handleOpen = true;

    private PcapItemReader(Path file, PcapHandle handle, CaptureOptions options) {
        this.file = file;
        this.handle = handle;
        this.dlt = handle.getDlt().value();
        this.pipeline = new CapturePipeline(options, stats, ready::add);
        if (!LinkTypes.isSupported(dlt)) {
            LOG.warn("{}: link type {} is not supported; every packet will be skipped", file, dlt);
        }
    }

    /**
     * Opens a capture file.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException "not a pcap or pcapng file: X" when it is something else, or libpcap's
     *     reason when it cannot read it
     */
    public static PcapItemReader open(Path file, CaptureOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (!hasCaptureMagic(file)) {
            throw new IOException("not a pcap or pcapng file: " + file);
        }
        try {
            return new PcapItemReader(
                    file, Pcaps.openOffline(file.toString(), TimestampPrecision.MICRO), options);
        } catch (PcapNativeException e) {
            throw new IOException("cannot read capture file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the file starts like a pcap (either byte order, micro or nano) or pcapng file. */
    private static boolean hasCaptureMagic(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n < 4) {
            return false;
        }
        int magic =
                ((head[0] & 0xff) << 24)
                        | ((head[1] & 0xff) << 16)
                        | ((head[2] & 0xff) << 8)
                        | (head[3] & 0xff);
        switch (magic) {
            case 0xa1b2c3d4: // pcap, microseconds
            case 0xd4c3b2a1:
            case 0xa1b23c4d: // pcap, nanoseconds
            case 0x4d3cb2a1:
            case 0xa1b2cd34: // pcap, Kuznetzov's patched format
            case 0x34cdb2a1:
            case 0x0a0d0d0a: // pcapng section header block
                return true;
            default:
                return false;
        }
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !eof) {
            readOne();
        }
        return !ready.isEmpty();
    }

    @Override
    public ApiItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more items in " + file);
        }
        return ready.poll();
    }

    /** Counters so far; complete once {@link #hasNext()} has returned false. */
    public CaptureStats stats() {
        return stats;
    }

    /** The file's link type (libpcap DLT value). */
    public int dataLinkType() {
        return dlt;
    }

    private void readOne() {
        try {
            byte[] frame = handle.getNextRawPacketEx();
            Timestamp ts = handle.getTimestamp();
            long micros = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
            pipeline.onPacket(dlt, frame, frame.length, micros);
        } catch (EOFException e) {
            endOfFile();
        } catch (PcapNativeException e) {
            stats.increment(Counter.READ_ERRORS);
            LOG.warn(
                    "{} is damaged after {} packets, reading stops there: {}",
                    file,
                    stats.packets(),
                    e.getMessage());
            endOfFile();
        } catch (TimeoutException e) {
            // Offline handles never time out; should one, the next call simply reads on.
            LOG.debug("{}: read timed out, retrying", file);
        } catch (NotOpenException e) {
            LOG.debug("{}: handle closed while reading", file);
            endOfFile();
        } catch (IllegalArgumentException e) {
            // pcap4j rejects a record whose timestamp is out of range (microseconds >= 10^6)
            // after libpcap has read it: that record is lost, the next one is readable.
            stats.increment(Counter.READ_ERRORS);
            LOG.debug("{}: bad record after packet {}: {}", file, stats.packets(), e.toString());
        }
    }

    private void endOfFile() {
        eof = true;
        pipeline.finish();
        closeHandle();
    }

    /** Releases the file; items not yet read are discarded. */
    @Override
    public void close() {
        eof = true;
        ready.clear();
        closeHandle();
    }

    private void closeHandle() {
        if (handleOpen) {
            handleOpen = false;
            handle.close();
        }
    }
}
