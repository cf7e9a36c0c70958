package io.netinsights.capture;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reports the progress of a long capture every few seconds as one line ({@code progress: 12 s
 * packets=... flows=... items=... drops=... gaps=... outputDrops=...}); gaps show packets the
 * capture itself lost. Call {@link #maybeReport} often from the capturing thread; it is cheap when
 * nothing is due. Not thread-safe.
 */
public final class CaptureProgress {
    private final Consumer<String> out;
    private final long everyNanos;
    private final LongSupplier nanoClock;
    private final long start;
    private long next;

    /**
     * @param every time between lines; zero or negative reports nothing
     * @param nanoClock {@link System#nanoTime()} or a test clock
     */
    public CaptureProgress(Consumer<String> out, Duration every, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.everyNanos = every.isZero() || every.isNegative() ? -1 : every.toNanos();
        this.start = nanoClock.getAsLong();
        this.next = start + everyNanos;
    }

    /** Reports when a line is due; {@code outputDrops} are the output's own drops. */
    public void maybeReport(CaptureStats stats, long outputDrops) {
        if (everyNanos < 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - next < 0) {
            return;
        }
        next = now + everyNanos;
        out.accept(
                "progress: "
                        + Duration.ofNanos(now - start).toSeconds()
                        + " s packets="
                        + stats.packets()
                        + " flows="
                        + stats.flows()
                        + " items="
                        + stats.items()
                        + " drops="
                        + stats.drops()
                        + " gaps="
                        + stats.get(CaptureStats.Counter.GAPS)
                        + " outputDrops="
                        + outputDrops);
    }
}
