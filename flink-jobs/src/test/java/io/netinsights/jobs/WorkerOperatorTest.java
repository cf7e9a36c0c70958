package io.netinsights.jobs;

import io.netinsights.jobs.config.ScriptJobOptions;
import io.netinsights.jobs.functions.HubOperator;
import io.netinsights.jobs.functions.ScriptOperator;
import io.netinsights.jobs.functions.WorkerOperator;
import io.netinsights.js.ScriptSource;
import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ConsoleLine;
import io.netinsights.schemas.HubAction;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.testing.TestItems;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.netinsights.schemas.testing.TestItems.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Harness tests of the worker and hub operators: timers as jobs, limits, state, end of input. */
class WorkerOperatorTest {
    private static final String SCRIPT =
            "// t\nvar n = 0;\n"
                    + "function onItemCaptured(d) { n++; }\n"
                    + "jobs.schedule('report', '*/10 * * * * *', function() {"
                    + " console.log('count', n); hub.action('n', {n: n}); });\n"
                    + "jobs.schedule('limited', '*/5 * * * * *', function() {"
                    + " console.log('limited'); }, 2);\n"
                    + "jobs.schedule('bad', '*/10 * * * * *', function() { throw new Error('no'); }, 1);\n"
                    + "function onJobPassed(tag) { if (tag == 'limited') console.log('passed', tag); }\n"
                    + "function onJobFailed(tag, cron, limit, err) { console.log('failed', tag, err); }";

    private static ScriptJobOptions options(String code) {
        return ScriptJobOptions.builder(new ScriptSource("t.js", code)).build();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ApiItem, PodEvent, ConsoleLine>
            worker(String code) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new WorkerOperator(options(code)),
                ScriptJob.keySelector(ScriptJobOptions.KeyBy.NODE),
                e -> "broadcast",
                Types.STRING);
    }

    private static List<String> texts(
            KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ConsoleLine> h) {
        return h.extractOutputValues().stream()
                .map(l -> "[" + l.getInstance() + "] " + l.getText())
                .collect(Collectors.toList());
    }

    @Test
    void jobsFireOnCronBoundariesInEventTime() throws Exception {
        try (var h = worker(SCRIPT)) {
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0 + 1_000), T0 + 1_000);
            h.processElement1(TestItems.dns("2", "node-1", "a", T0 + 7_000), T0 + 7_000);
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // at +5 s and +10 s
            h.processBothWatermarks(new Watermark(T0 + 9_999));
            assertThat(texts(h)).containsExactly("[node-1] limited", "[node-1] passed limited");
            h.processElement1(TestItems.dns("3", "node-1", "a", T0 + 9_500), T0 + 9_500);
            h.processBothWatermarks(new Watermark(T0 + 10_000));
            assertThat(texts(h))
                    .containsExactly(
                            "[node-1] limited",
                            "[node-1] passed limited",
                            "[node-1] count 3",
                            "[node-1] limited",
                            "[node-1] passed limited",
                            "[node-1] job:bad failed: Error: no (t.js:6:59)",
                            "[node-1] failed bad Error: no (t.js:6:59)");
            // 'limited' reached its limit of 2 and 'bad' its limit of 1: only 'report' is left.
            h.processBothWatermarks(new Watermark(T0 + 30_000));
            assertThat(texts(h)).filteredOn(s -> s.endsWith("] limited")).hasSize(2);
            assertThat(texts(h)).filteredOn(s -> s.contains("count")).hasSize(3);
            List<HubAction> actions = new ArrayList<>();
            h.getSideOutput(ScriptOperator.HUB_ACTIONS).forEach(r -> actions.add(r.getValue()));
            assertThat(actions.remove(0).getAction()).isEqualTo(HubOperator.WORKER_START);
            assertThat(actions)
                    .extracting(HubAction::getObject)
                    .containsExactly("{\"n\":3}", "{\"n\":3}", "{\"n\":3}");
        }
    }

    @Test
    void endOfInputFiresEachPendingJobOnce() throws Exception {
        try (var h = worker(SCRIPT)) {
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0 + 1_000), T0 + 1_000);
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h))
                    .containsExactly(
                            "[node-1] limited",
                            "[node-1] passed limited",
                            "[node-1] count 1",
                            "[node-1] job:bad failed: Error: no (t.js:6:59)",
                            "[node-1] failed bad Error: no (t.js:6:59)");
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void snapshotRestoreContinueEqualsAnUninterruptedRun() throws Exception {
        List<String> straight;
        try (var h = worker(SCRIPT)) {
            h.open();
            for (int i = 0; i < 4; i++) {
                h.processElement1(item(i));
            }
            h.processBothWatermarks(new Watermark(T0 + 9_000));
            for (int i = 4; i < 8; i++) {
                h.processElement1(item(i));
            }
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            straight = texts(h);
        }
        OperatorSubtaskState snapshot;
        List<String> before;
        try (var h = worker(SCRIPT)) {
            h.open();
            for (int i = 0; i < 4; i++) {
                h.processElement1(item(i));
            }
            h.processBothWatermarks(new Watermark(T0 + 9_000));
            snapshot = h.snapshot(1L, T0 + 9_000);
            before = texts(h);
        }
        try (var h = worker(SCRIPT)) {
            h.initializeState(snapshot);
            h.open();
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            for (int i = 4; i < 8; i++) {
                h.processElement1(item(i));
            }
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            List<String> all = new ArrayList<>(before);
            all.addAll(texts(h));
            assertThat(all).isEqualTo(straight);
        }
    }

    @Test
    void aGapInEventTimeDoesNotReplayEveryMissedPeriod() throws Exception {
        String code =
                "var runs = 0; function onItemCaptured(d) {}\n"
                        + "jobs.schedule('tick', '* * * * * *', function() { runs++;"
                        + " console.log('tick', runs); });";
        long yearLater = T0 + 365L * 24 * 3600 * 1000;
        try (var h = worker(code)) {
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0), T0);
            h.processBothWatermarks(new Watermark(T0 + 1_000));
            h.processElement1(TestItems.dns("2", "node-1", "a", yearLater), yearLater);
            h.processBothWatermarks(new Watermark(yearLater));
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            // +1 s, then one run for the whole gap, then the run at the end of input.
            assertThat(texts(h))
                    .containsExactly("[node-1] tick 1", "[node-1] tick 2", "[node-1] tick 3");
        }
    }

    @Test
    void podEventsReachEveryWorkerInstance() throws Exception {
        String code =
                "function onItemCaptured(d) {}\n"
                        + "function onPodEvent(e, pod) { console.log(utils.nodeName(), e,"
                        + " pod.metadata.name, pod.metadata.labels.app); }";
        try (var h = worker(code)) {
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0), T0);
            h.processElement1(TestItems.dns("2", "node-2", "a", T0), T0);
            h.processBothWatermarks(new Watermark(T0));
            h.processElement2(
                    new StreamRecord<>(
                            new PodEvent(
                                    PodEventType.ADDED,
                                    T0 + 5,
                                    "node-1",
                                    "shop",
                                    "cart-1",
                                    "{\"metadata\":{\"name\":\"cart-1\",\"labels\":{\"app\":\"cart\"}}}"),
                            T0 + 5));
            assertThat(texts(h))
                    .containsExactlyInAnyOrder(
                            "[node-1] node-1 ADDED cart-1 cart",
                            "[node-2] node-2 ADDED cart-1 cart");
        }
    }

    @Test
    void eachNodeKeyHasItsOwnInstance() throws Exception {
        String code =
                "var n = 0; function onItemCaptured(d) { n++; console.log(utils.nodeName(), n); }";
        try (var h = worker(code)) {
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0), T0);
            h.processElement1(TestItems.dns("2", "node-2", "a", T0), T0);
            h.processElement1(TestItems.dns("3", "node-1", "a", T0), T0);
            h.processBothWatermarks(new Watermark(T0));
            // Items of one instant are handed over key by key, each key's in arrival order.
            assertThat(texts(h))
                    .containsExactlyInAnyOrder(
                            "[node-1] node-1 1", "[node-2] node-2 1", "[node-1] node-1 2");
            assertThat(texts(h))
                    .filteredOn(t -> t.startsWith("[node-1]"))
                    .containsExactly("[node-1] node-1 1", "[node-1] node-1 2");
        }
    }

    @Test
    void aScriptThatFailsToStartIsReportedAndItemsAreDropped() throws Exception {
        try (var h = worker("throw new Error('no start');")) {
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0), T0);
            h.processElement1(TestItems.dns("2", "node-1", "a", T0), T0);
            h.processBothWatermarks(new Watermark(T0));
            assertThat(texts(h)).hasSize(1);
            assertThat(texts(h).get(0)).contains("failed to start").contains("no start");
        }
    }

    @Test
    void hubMergesActionsAndReportsFromItsJob() throws Exception {
        String code =
                "var total = 0; function onHubAction(a, o) { total += o.n; }\n"
                        + "jobs.schedule('r', '*/10 * * * * *', function() { if (utils.nodeName() =="
                        + " 'hub') console.log('total', total); });";
        try (var h =
                new KeyedTwoInputStreamOperatorTestHarness<
                        String, HubAction, PodEvent, ConsoleLine>(
                        new HubOperator(options(code)),
                        a -> HubOperator.HUB_KEY,
                        e -> HubOperator.HUB_KEY,
                        Types.STRING)) {
            h.open();
            h.processElement1(new StreamRecord<>(action("node-1", 2, T0 + 2_000), T0 + 2_000));
            h.processElement1(new StreamRecord<>(action("node-2", 5, T0 + 3_000), T0 + 3_000));
            h.processBothWatermarks(new Watermark(T0 + 10_000));
            h.processElement1(new StreamRecord<>(action("node-1", 1, T0 + 11_000), T0 + 11_000));
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h)).containsExactly("[hub] total 7", "[hub] total 8");
        }
    }

    private static StreamRecord<ApiItem> item(int i) {
        return new StreamRecord<>(
                TestItems.dns("i" + i, "node-1", "c" + (i % 3), T0 + i * 3_000L), T0 + i * 3_000L);
    }

    @Test
    void endOfABoundedInputOnTheClockRunsEveryJobOnce() throws Exception {
        ScriptJobOptions clock =
                ScriptJobOptions.builder(new ScriptSource("t.js", SCRIPT))
                        .timeMode(ScriptJobOptions.TimeMode.PROCESSING)
                        .build();
        try (var h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new WorkerOperator(clock),
                        ScriptJob.keySelector(ScriptJobOptions.KeyBy.NODE),
                        (PodEvent e) -> "broadcast",
                        Types.STRING)) {
            h.setProcessingTime(T0);
            h.open();
            h.processElement1(TestItems.dns("1", "node-1", "a", T0), T0);
            h.processElement1(TestItems.dns("2", "node-2", "a", T0), T0);
            h.processElement1(TestItems.dns("3", "node-1", "a", T0), T0);
            assertThat(texts(h)).isEmpty(); // no cron time has come on the clock
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(texts(h))
                    .contains("[node-1] count 2", "[node-2] count 1")
                    .filteredOn(s -> s.endsWith("] limited"))
                    .hasSize(2);
            // Retired: the clock moving on fires nothing more.
            int lines = texts(h).size();
            h.setProcessingTime(T0 + 60_000);
            assertThat(texts(h)).hasSize(lines);
        }
    }

    private static HubAction action(String from, int n, long ts) {
        return new HubAction("t.js", from, "n", "{\"n\":" + n + "}", ts);
    }
}
