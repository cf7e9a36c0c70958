package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;
import io.netinsights.schemas.json.ItemJson;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.get;
import static io.netinsights.jobs.reports.ReportItems.unanswered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Harness tests of the windows compared with a baseline (error spikes, latency anomalies): which
 * previous windows form the baseline, late items, and that closed windows are cleaned up by their
 * timers.
 */
class BaselineWindowFunctionTest {
    private static final long W = 60_000;

    private static ReportOptions options() {
        return ReportOptions.builder(EnumSet.of(Report.ERROR_SPIKES, Report.LATENCY_ANOMALIES))
                .window(Duration.ofMillis(W))
                .baselineWindows(2)
                .minCount(10)
                .errorRateMin(0.2)
                .errorRatio(2)
                .latencyRatio(2)
                .latencyMinDeltaMs(10)
                .build();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ApiItem, ReportRecord> harness(
            KeyedProcessFunction<String, ApiItem, ReportRecord> fn) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        fn, new ReportJob.ServiceKey(), Types.STRING);
        h.open();
        return h;
    }

    /**
     * {@code n} calls in window {@code w}, of which {@code errors} fail, each taking {@code ms}.
     */
    private static void window(
            KeyedOneInputStreamOperatorTestHarness<String, ApiItem, ?> h,
            int w,
            int n,
            int errors,
            long ms)
            throws Exception {
        for (int i = 0; i < n; i++) {
            long ts = T0 + w * W + i * 1_000L;
            ApiItem item =
                    i < errors
                            ? get("w" + w + "-" + i, ts, "shop/api", 503, ms)
                            : get("w" + w + "-" + i, ts, "shop/api", 200, ms);
            h.processElement(item, ts);
        }
    }

    @Test
    void aSpikeIsJudgedAgainstThePreviousWindowsOnly() throws Exception {
        try (var h = harness(new ErrorSpikeFunction(options()))) {
            window(h, 0, 20, 10, 5); // 50%: no baseline yet, a spike on its own
            window(h, 1, 20, 1, 5); // 5%
            window(h, 2, 20, 1, 5); // 5%
            window(h, 3, 20, 6, 5); // 30% vs 2 previous windows (5%): a spike
            window(h, 4, 20, 6, 5); // 30% vs windows 2-3 (17.5%): under 2x, no spike
            h.processWatermark(T0 + 5 * W - 1);
            assertThat(h.extractOutputValues())
                    .extracting(r -> r.getWindowStart() - T0)
                    .containsExactly(0L, 3 * W);
            ReportRecord spike = h.extractOutputValues().get(1);
            assertThat(spike.getMetrics())
                    .containsEntry("errorRate", 0.3)
                    .containsEntry("baselineRate", 0.05)
                    .containsEntry("count", 20.0);
            assertThat(ItemJson.parseObject(spike.getDetails()))
                    .containsEntry("baselineWindows", 2)
                    .containsEntry("baselineCount", 40);
            assertThat(spike.getTimestamp()).isEqualTo(T0 + 4 * W - 1);
        }
    }

    @Test
    void closedWindowsAreRemovedByTheirCleanupTimers() throws Exception {
        try (var h = harness(new ErrorSpikeFunction(options()))) {
            window(h, 0, 20, 0, 5);
            h.processWatermark(T0 + W - 1);
            // The window fired; its closed copy waits for B = 2 more windows.
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(T0 + 3 * W - 2);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(T0 + 3 * W - 1);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void latencyAnomalyAgainstTheBaselineWithLateItemsSetAside() throws Exception {
        try (var h = harness(new LatencyAnomalyFunction("service", options()))) {
            window(h, 0, 20, 0, 10);
            window(h, 1, 20, 0, 12);
            h.processWatermark(T0 + 2 * W - 1);
            h.processElement(get("late", T0 + W + 5, "shop/api", 200, 10_000), T0 + W + 5);
            window(h, 2, 20, 0, 40); // p95 40 ms vs 12 ms: 3.3x and 28 ms more
            h.processElement(
                    unanswered("lost", T0 + 2 * W + 30_000, "shop/api"), T0 + 2 * W + 30_000);
            window(h, 3, 20, 0, 15); // baseline now windows 1-2: p95 40 ms
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).hasSize(1);
            ReportRecord r = h.extractOutputValues().get(0);
            assertThat(r.getReport()).isEqualTo("latency-anomalies");
            assertThat(r.getKeyKind() + " " + r.getKey()).isEqualTo("service shop/api");
            assertThat(r.getWindowStart()).isEqualTo(T0 + 2 * W);
            Map<String, Double> m = r.getMetrics();
            assertThat(m)
                    .containsEntry("count", 20.0)
                    .containsEntry("quantileMs", 40.0)
                    .containsEntry("baselineMs", 12.0);
            assertThat(h.getSideOutput(ReportJob.LATE_ITEMS))
                    .extracting(s -> s.getValue().getId())
                    .containsExactly("late");
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }
}
