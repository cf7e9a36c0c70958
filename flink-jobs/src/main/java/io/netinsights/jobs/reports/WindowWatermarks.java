package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks emitted from the items themselves rather than on a clock: a
 * watermark goes out when (highest timestamp - bound) enters a new window. Windows fire and items
 * are judged late only at window boundaries, so this is all the reports need, and a replay of the
 * same file gives the same reports and the same late items whatever the machine's speed.
 */
public final class WindowWatermarks implements WatermarkGenerator<ApiItem> {
    private final long size;
    private final long bound;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emittedWindow = Long.MIN_VALUE;

    public WindowWatermarks(long windowMillis, long outOfOrdernessMillis) {
        this.size = windowMillis;
        this.bound = outOfOrdernessMillis;
    }

    @Override
    public void onEvent(ApiItem item, long timestamp, WatermarkOutput output) {
        if (timestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = timestamp;
        long watermark = maxTimestamp - bound - 1;
        long window = Windows.start(watermark, size);
        if (window > emittedWindow) {
            emittedWindow = window;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Nothing: the watermark only matters at window boundaries, which onEvent covers.
    }
}
