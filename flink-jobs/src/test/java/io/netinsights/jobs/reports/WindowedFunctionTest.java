package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.TalkerTotal;
import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.get;
import static io.netinsights.jobs.reports.ReportItems.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Harness tests of the tumbling event-time window every report uses (through the talker counts):
 * when a window fires, out-of-order and late items, state and timers, snapshot and restore.
 */
class WindowedFunctionTest {
    private static final long W = 10_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, ApiItem, TalkerTotal> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TalkerFunctions.Count(W), new ReportJob.TalkerKey(), Types.STRING);
    }

    private static ApiItem item(String id, long offset) {
        return get(id, T0 + offset, "shop/web", 200, 5);
    }

    private static void add(
            KeyedOneInputStreamOperatorTestHarness<String, ApiItem, ?> h, ApiItem item)
            throws Exception {
        h.processElement(item, item.getTimestamp());
    }

    @Test
    void aWindowFiresWhenTheWatermarkPassesItsLastMillisecond() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, item("a", 1_000));
            add(h, item("b", 12_000));
            add(h, item("c", 8_000)); // out of order, but its window is still open
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
            h.processWatermark(T0 + W - 2);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(T0 + W - 1);
            assertThat(h.extractOutputValues())
                    .containsExactly(new TalkerTotal("10.0.0.1 -> shop/web", T0, 2, 2200));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.extractOutputValues().get(1).windowStart).isEqualTo(T0 + W);
            // Every path ends in clear(): nothing is left once all windows fired.
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void lateItemsGoToTheSideOutputAndChangeNothing() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, item("a", 1_000));
            h.processWatermark(T0 + W - 1);
            add(h, item("late", 9_999));
            add(h, item("next", W)); // the first millisecond of the next window is on time
            h.processWatermark(Long.MAX_VALUE);
            List<String> late = new ArrayList<>();
            h.getSideOutput(ReportJob.LATE_ITEMS).forEach(r -> late.add(r.getValue().getId()));
            assertThat(late).containsExactly("late");
            assertThat(h.extractOutputValues()).extracting(t -> t.count).containsExactly(1L, 1L);
        }
    }

    @Test
    void eachKeyHasItsOwnWindows() throws Exception {
        try (var h = harness()) {
            h.open();
            add(h, item("a", 1_000));
            add(
                    h,
                    http(
                            "b",
                            T0 + 2_000,
                            "10.0.0.2",
                            "10.0.9.9",
                            80,
                            "shop/web",
                            "GET",
                            "/",
                            200,
                            5));
            add(h, item("c", 3_000));
            h.processWatermark(T0 + W - 1);
            assertThat(h.extractOutputValues())
                    .extracting(t -> t.talkers + "=" + t.count)
                    .containsExactlyInAnyOrder("10.0.0.1 -> shop/web=2", "10.0.0.2 -> shop/web=1");
        }
    }

    @Test
    void snapshotRestoreContinueEqualsAnUninterruptedRun() throws Exception {
        List<TalkerTotal> straight;
        try (var h = harness()) {
            h.open();
            add(h, item("a", 1_000));
            add(h, item("b", 11_000));
            h.processWatermark(T0 + W - 1);
            add(h, item("c", 15_000));
            h.processWatermark(Long.MAX_VALUE);
            straight = new ArrayList<>(h.extractOutputValues());
        }
        OperatorSubtaskState snapshot;
        List<TalkerTotal> before;
        try (var h = harness()) {
            h.open();
            add(h, item("a", 1_000));
            add(h, item("b", 11_000));
            h.processWatermark(T0 + W - 1);
            snapshot = h.snapshot(1L, 1L);
            before = new ArrayList<>(h.extractOutputValues());
        }
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new TalkerFunctions.Count(W)),
                        new ReportJob.TalkerKey(),
                        Types.STRING)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processElement(new StreamRecord<>(item("c", 15_000), T0 + 15_000));
            h.processWatermark(Long.MAX_VALUE);
            List<TalkerTotal> all = new ArrayList<>(before);
            all.addAll(h.extractOutputValues());
            assertThat(all).isEqualTo(straight);
        }
    }
}
