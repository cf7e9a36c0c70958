package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.file.CaptureFileReader;
import io.netinsights.schemas.ApiItem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a pcap or pcapng file and yields its API items in order of completion. Packets come from
 * {@link CaptureFileReader} (pure Java, no libpcap); decoding is {@link CapturePipeline}'s. A
 * damaged or truncated file yields the items before the damage and counts a read error; bad packets
 * are counted in {@link #stats()}, never thrown.
 */
public final class PcapItemReader implements Iterator<ApiItem>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PcapItemReader.class);

    private final Path file;
    private final CaptureFileReader packets;
    private final CaptureStats stats = new CaptureStats();
    private final ArrayDeque<ApiItem> ready = new ArrayDeque<>();
    private final CapturePipeline pipeline;
    private final Set<Integer> unsupportedLinkTypes = new HashSet<>();
    private final int firstLinkType;
    private int lastLinkType;
    private boolean eof;
    private boolean fileOpen = true;

    private PcapItemReader(Path file, CaptureFileReader packets, CaptureOptions options) {
        this.file = file;
        this.packets = packets;
        this.pipeline = new CapturePipeline(options, stats, ready::add);
        this.firstLinkType = packets.linkType();
        checkLinkType(firstLinkType);
    }

    /**
     * Opens a capture file.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException "not a pcap or pcapng file: X" when it is something else, or "cannot read
     *     capture file X: reason" when its header is damaged
     */
    public static PcapItemReader open(Path file, CaptureOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return new PcapItemReader(file, CaptureFileReader.open(file), options);
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

    /** The file's link type (libpcap DLT value); for pcapng, that of its first interface. */
    public int dataLinkType() {
        return firstLinkType;
    }

    private void readOne() {
        switch (packets.next()) {
            case PACKET:
                int dlt = packets.linkType();
                if (dlt != lastLinkType) {
                    checkLinkType(dlt);
                }
                pipeline.onPacket(
                        dlt, packets.frame(), packets.length(), packets.timestampMicros());
                break;
            case BAD_RECORD:
                stats.increment(Counter.READ_ERRORS);
                LOG.debug(
                        "{}: bad record after packet {}: {}",
                        file,
                        stats.packets(),
                        packets.problem());
                break;
            case DAMAGED:
                stats.increment(Counter.READ_ERRORS);
                LOG.warn(
                        "{} is damaged after {} packets, reading stops there: {}",
                        file,
                        stats.packets(),
                        packets.problem());
                endOfFile();
                break;
            case END:
            default:
                endOfFile();
                break;
        }
    }

    private void checkLinkType(int dlt) {
        lastLinkType = dlt;
        if (!LinkTypes.isSupported(dlt) && unsupportedLinkTypes.add(dlt)) {
            LOG.warn("{}: link type {} is not supported; its packets will be skipped", file, dlt);
        }
    }

    private void endOfFile() {
        eof = true;
        pipeline.finish();
        closeFile();
    }

    /** Releases the file; items not yet read are discarded. */
    @Override
    public void close() {
        eof = true;
        ready.clear();
        closeFile();
    }

    private void closeFile() {
        if (fileOpen) {
            fileOpen = false;
            try {
                packets.close();
            } catch (IOException e) {
                LOG.debug("{}: closing failed: {}", file, e.toString());
            }
        }
    }
}
