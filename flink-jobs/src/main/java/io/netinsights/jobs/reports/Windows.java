package io.netinsights.jobs.reports;

/** Tumbling event-time windows aligned to the Unix epoch, as Flink's tumbling windows are. */
public final class Windows {
    private Windows() {}

    /** Start of the window of {@code size} ms that holds {@code ts}. */
    public static long start(long ts, long size) {
        return ts - Math.floorMod(ts, size);
    }

    /**
     * The timer of a window: its last millisecond, when the watermark passes which it is complete.
     */
    public static long lastMillis(long start, long size) {
        return start + size - 1;
    }
}
