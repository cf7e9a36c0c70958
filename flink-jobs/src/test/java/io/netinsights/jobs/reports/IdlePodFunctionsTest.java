package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.PodTouch;
import io.netinsights.policy.PodInfo;
import io.netinsights.policy.PodInventory;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.PodEventType;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.netinsights.jobs.reports.ReportItems.T0;
import static io.netinsights.jobs.reports.ReportItems.http;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle-pods stages: touches of an item, and the per-window idle list with its timers, late
 * touches, and pod events that change the inventory while the job runs.
 */
class IdlePodFunctionsTest {
    private static final long W = 60_000;
    private static final PodInventory INV =
            PodInventory.of(
                    List.of(
                            PodInfo.builder("shop", "web").ip("10.0.0.1").start(T0 - W).build(),
                            PodInfo.builder("shop", "db").ip("10.0.0.2").start(T0 - W).build(),
                            PodInfo.builder("shop", "cache").ip("10.0.0.3").start(T0 - W).build(),
                            PodInfo.builder("shop", "new")
                                    .ip("10.0.0.4")
                                    .start(T0 + 30_000)
                                    .build(),
                            PodInfo.builder("shop", "gone")
                                    .ip("10.0.0.5")
                                    .start(T0 - W)
                                    .end(T0 + 90_000)
                                    .build(),
                            PodInfo.builder("kube-system", "agent")
                                    .ip("192.168.0.1")
                                    .start(T0 - W)
                                    .hostNetwork(true)
                                    .build()));

    @Test
    void anItemTouchesBothAddressesAndMarksTheWindow() {
        List<PodTouch> out = new ArrayList<>();
        Collector<PodTouch> collector =
                new Collector<>() {
                    @Override
                    public void collect(PodTouch t) {
                        out.add(t);
                    }

                    @Override
                    public void close() {}
                };
        IdlePodFunctions.Touches touches = new IdlePodFunctions.Touches();
        touches.flatMap(
                http("1", T0, "10.0.0.1", "10.0.0.2", 80, "shop/db", "GET", "/", 200, 1),
                collector);
        touches.flatMap(
                http("2", T0, "10.0.0.1", "10.0.0.1", 80, "self", "GET", "/", 200, 1), collector);
        assertThat(out)
                .extracting(t -> t.address)
                .containsExactly("", "10.0.0.1", "10.0.0.2", "", "10.0.0.1");
    }

    private static KeyedBroadcastOperatorTestHarness<String, PodTouch, PodEvent, ReportRecord>
            idle() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IdlePodsFunction(W, INV),
                (PodTouch t) -> "all",
                Types.STRING,
                LiveInventory.EVENTS);
    }

    @Test
    void idlePodsAreThoseAliveThroughTheWindowThatNothingTouched() throws Exception {
        try (var h = idle()) {
            h.processElement(new PodTouch(""), T0 + W - 1);
            h.processElement(new PodTouch("10.0.0.1"), T0 + W - 1);
            h.processElement(new PodTouch(""), T0 + 2 * W - 1);
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
            h.watermark(T0 + W - 2);
            assertThat(h.extractOutputValues()).isEmpty();
            h.watermark(T0 + W - 1);
            assertThat(lines(h.extractOutputValues()))
                    .containsExactly(
                            "0 pod shop/cache",
                            "0 pod shop/db",
                            "0 pod shop/gone",
                            "0 summary cluster activePods=1 alivePods=4 idlePods=3");
            h.watermark(T0 + 2 * W - 1);
            // Second window: 'gone' ended inside it, 'new' started in the first one.
            assertThat(lines(h.extractOutputValues()))
                    .contains(
                            "1 pod shop/cache",
                            "1 pod shop/db",
                            "1 pod shop/new",
                            "1 pod shop/web",
                            "1 summary cluster activePods=0 alivePods=4 idlePods=4");
            h.processElement(new PodTouch("10.0.0.2"), T0 + W - 1);
            assertThat(h.getSideOutput(IdlePodFunctions.LATE_TOUCHES)).hasSize(1);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void podEventsAddAndEndPodsWhileRunning() throws Exception {
        try (var h = idle()) {
            h.processBroadcastElement(event(PodEventType.ADDED, T0, "extra", "10.0.0.8"), T0);
            h.processBroadcastElement(
                    event(PodEventType.DELETED, T0 + 10_000, "cache", "10.0.0.3"), T0 + 10_000);
            h.processElement(new PodTouch(""), T0 + W - 1);
            h.processElement(new PodTouch("10.0.0.1"), T0 + W - 1);
            h.watermark(T0 + W - 1);
            // 'extra' started before the window; 'cache' was deleted inside it.
            assertThat(lines(h.extractOutputValues()))
                    .containsExactly(
                            "0 pod shop/db",
                            "0 pod shop/extra",
                            "0 pod shop/gone",
                            "0 summary cluster activePods=1 alivePods=4 idlePods=3");
            assertThat(h.getBroadcastState(LiveInventory.EVENTS).contains("shop/cache")).isTrue();
        }
    }

    private static PodEvent event(PodEventType type, long ts, String name, String ip) {
        String pod =
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                        + name
                        + "\",\"namespace\":\"shop\"},\"status\":{\"phase\":\"Running\",\"podIP\":\""
                        + ip
                        + "\",\"startTime\":\""
                        + Instant.ofEpochMilli(T0 - W)
                        + "\"}}";
        return new PodEvent(type, ts, "node-1", "shop", name, pod);
    }

    private static List<String> lines(List<ReportRecord> records) {
        List<String> out = new ArrayList<>();
        for (ReportRecord r : records) {
            StringBuilder b =
                    new StringBuilder()
                            .append((r.getWindowStart() - T0) / W)
                            .append(' ')
                            .append(r.getKeyKind())
                            .append(' ')
                            .append(r.getKey());
            new TreeMap<>(r.getMetrics())
                    .forEach((k, v) -> b.append(' ').append(k).append('=').append(v.longValue()));
            out.add(b.toString());
        }
        return out;
    }
}
