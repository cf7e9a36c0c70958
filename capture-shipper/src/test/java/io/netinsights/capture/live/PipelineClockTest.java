package io.netinsights.capture.live;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.CapturePipeline;
import io.netinsights.capture.CaptureStats;
import io.netinsights.capture.CaptureStats.Counter;
import io.netinsights.capture.decode.LinkTypes;
import io.netinsights.capture.testutils.TestingDns;
import io.netinsights.capture.testutils.TestingFrames;
import io.netinsights.schemas.ApiItem;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Wall-clock ticks expire pending exchanges without a packet and leave the counters alone. */
class PipelineClockTest {

    private static final long T0 = 1_700_000_000_000_000L;

    @Test
    void tickExpiresAnUnansweredQueryAndIsNotCounted() {
        List<ApiItem> items = new ArrayList<>();
        CaptureStats stats = new CaptureStats();
        CapturePipeline p =
                new CapturePipeline(
                        CaptureOptions.builder().pairTimeoutMillis(1000).build(),
                        stats,
                        items::add);
        byte[] query =
                TestingFrames.ethernet(
                        TestingFrames.udp(
                                "10.0.0.1",
                                40000,
                                "10.0.0.2",
                                53,
                                TestingDns.query(7, "idle.example", 1)));
        p.onPacket(LinkTypes.ETHERNET, query, query.length, T0);

        PipelineClock.advance(p, stats, T0 + 500_000);
        assertThat(items).isEmpty();

        PipelineClock.advance(p, stats, T0 + 2_500_000);

        assertThat(items).hasSize(1);
        assertThat(items.get(0).getError().getType()).isEqualTo("pair-not-found");
        assertThat(stats.packets()).isEqualTo(1);
        assertThat(stats.get(Counter.SKIPPED_PACKETS)).isZero();
        assertThat(stats.get(Counter.BYTES)).isEqualTo(query.length);
        assertThat(stats.parseErrors()).isZero();
        assertThat(stats.get(Counter.INTERNAL_ERRORS)).isZero();
    }
}
