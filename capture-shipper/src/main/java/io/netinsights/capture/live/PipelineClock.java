package io.netinsights.capture.live;

import io.netinsights.capture.CapturePipeline;
import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;

/**
 * Moves a {@link CapturePipeline}'s clock to a wall-clock time without a real packet, so that
 * pairing and idle-flow timeouts fire on an idle interface. The pipeline only learns the time from
 * frames, so this feeds it an empty frame of a link type no decoder claims (it is skipped before
 * any flow is touched) and takes that frame back out of the counters.
 *
 * <p>This is the one place that relies on how {@link CapturePipeline#onPacket} treats an unknown
 * link type; {@code PipelineClockTest} pins it. A public {@code advanceTo(micros)} on the pipeline
 * would replace it.
 */
final class PipelineClock {

    /** Not a libpcap link type: {@code LinkTypes.ipOffset} answers "no IP" for it. */
    static final int TICK_LINK_TYPE = -1;

    private static final byte[] NO_BYTES = new byte[0];

    private PipelineClock() {}

    /** Lets the pipeline see {@code nowMicros} (Unix microseconds) as the current capture time. */
    static void advance(CapturePipeline pipeline, CaptureStats stats, long nowMicros) {
        pipeline.onPacket(TICK_LINK_TYPE, NO_BYTES, 0, nowMicros);
        stats.add(Counter.PACKETS, -1);
        stats.add(Counter.SKIPPED_PACKETS, -1);
    }
}
