package io.netinsights.capture;

import io.netinsights.capture.CaptureStats.Counter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress lines come once per interval of the given clock, and never when turned off. */
class CaptureProgressTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private final CaptureStats stats = new CaptureStats();

    @Test
    void reportsOncePerInterval() {
        CaptureProgress p = new CaptureProgress(lines::add, Duration.ofSeconds(5), clock::get);
        stats.add(Counter.PACKETS, 42);
        stats.countItem("http");
        stats.increment(Counter.GAPS);

        p.maybeReport(stats, 0);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        p.maybeReport(stats, 3);
        p.maybeReport(stats, 3);

        assertThat(lines)
                .containsExactly(
                        "progress: 5 s packets=42 flows=0 items=1 drops=0 gaps=1 outputDrops=3");
    }

    @Test
    void zeroIntervalReportsNothing() {
        CaptureProgress p = new CaptureProgress(lines::add, Duration.ZERO, clock::get);
        clock.addAndGet(Duration.ofHours(1).toNanos());
        p.maybeReport(stats, 0);
        assertThat(lines).isEmpty();
    }
}
