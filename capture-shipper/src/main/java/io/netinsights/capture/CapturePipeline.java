package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.DecodedPacket;
import io.netinsights.capture.decode.PacketDecoder;
import io.netinsights.capture.dissect.DissectorRegistry;
import io.netinsights.capture.flow.Flow;
import io.netinsights.capture.flow.FlowTable;
import io.netinsights.capture.pairing.ExchangePairer;
import io.netinsights.schemas.ApiItem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Turns raw frames into API items: decode, route to flows, reassemble, dissect, pair. It knows
 * nothing of files, so a live capture can feed it too. Capture time drives every timeout (pairing,
 * idle flows, fragments), so replaying a file gives the same items every time. Not thread-safe: one
 * pipeline per capturing thread.
 */
public final class CapturePipeline {

    private static final Logger LOG = LoggerFactory.getLogger(CapturePipeline.class);
    private static final long SWEEP_INTERVAL_MICROS = 1_000_000L;

    private final CaptureStats stats;
    private final PacketDecoder decoder;
    private final DecodedPacket packet = new DecodedPacket();
    private final ExchangePairer pairer;
    private final FlowTable flows;
    private long nowMicros = Long.MIN_VALUE;
    private long nextSweepMicros = Long.MIN_VALUE;
    private boolean finished;

    /** A pipeline with the default dissectors (HTTP/1.x and DNS). */
    public CapturePipeline(CaptureOptions options, CaptureStats stats, Consumer<ApiItem> out) {
        this(options, stats, DissectorRegistry.defaults(), out);
    }

    public CapturePipeline(
            CaptureOptions options,
            CaptureStats stats,
            DissectorRegistry dissectors,
            Consumer<ApiItem> out) {
        this.stats = stats;
        this.decoder = new PacketDecoder(stats);
        this.pairer = new ExchangePairer(options, stats, out);
        this.flows = new FlowTable(dissectors, pairer, options, stats);
    }

    /**
     * Processes one frame.
     *
     * @param dlt the link type ({@link io.netinsights.capture.decode.LinkTypes})
     * @param frame the captured bytes; not kept after the call
     * @param len how many bytes of {@code frame} were captured
     * @param tsMicros capture time in Unix microseconds
     */
    public void onPacket(int dlt, byte[] frame, int len, long tsMicros) {
        if (finished) {
            throw new IllegalStateException("the pipeline is finished");
        }
        stats.increment(Counter.PACKETS);
        stats.add(Counter.BYTES, len);
        // Time only moves forward, so that a reordered packet cannot rewind the timeouts.
        nowMicros = Math.max(nowMicros, tsMicros);
        if (nowMicros >= nextSweepMicros) {
            sweep();
        }
        try {
            switch (decoder.decode(dlt, frame, len, tsMicros, packet)) {
                case OK:
                    flows.onPacket(packet);
                    break;
                case SKIPPED:
                    stats.increment(Counter.SKIPPED_PACKETS);
                    break;
                case MALFORMED:
                    stats.increment(Counter.PARSE_ERRORS);
                    break;
                case HELD:
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // A bug must not stop a capture: the packet is counted and skipped.
            stats.increment(Counter.INTERNAL_ERRORS);
            if (stats.get(Counter.INTERNAL_ERRORS) == 1) {
                LOG.warn("packet {} could not be processed: {}", stats.packets(), e.toString());
            } else {
                LOG.debug("packet {} could not be processed: {}", stats.packets(), e.toString());
            }
        }
    }

    /** Ends every flow and emits what is still pending, as at the end of a capture. */
    public void finish() {
        if (!finished) {
            finished = true;
            flows.finish(nowMicros == Long.MIN_VALUE ? 0 : nowMicros);
        }
    }

    /** Flows currently tracked. */
    public int flowCount() {
        return flows.size();
    }

    private void sweep() {
        nextSweepMicros = nowMicros + SWEEP_INTERVAL_MICROS;
        List<Flow> emptied = pairer.expire(nowMicros);
        flows.releaseQuiet(emptied);
        flows.evictIdle(nowMicros);
    }
}
