package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.PodTouch;
import io.netinsights.policy.PodInfo;
import io.netinsights.policy.PodInventory;
import io.netinsights.schemas.PodEvent;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last stage of the idle-pods report (one instance, all touches under one key): per tumbling
 * event-time window, the inventory's pods that ran for the whole window (started at or before its
 * start, not ended before its end, not on the host network) and that no item touched. Pod events
 * broadcast to it keep the inventory current; a touch whose window already fired goes to {@link
 * IdlePodFunctions#LATE_TOUCHES}.
 */
public final class IdlePodsFunction
        extends KeyedBroadcastProcessFunction<String, PodTouch, PodEvent, ReportRecord> {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final LiveInventory inventory;
    private transient MapState<Long, List<String>> open;

    public IdlePodsFunction(long windowMillis, PodInventory inventory) {
        this.size = windowMillis;
        this.inventory = new LiveInventory(inventory);
    }

    @Override
    public void open(OpenContext ctx) {
        open =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "touched-pods", Types.LONG, Types.LIST(Types.STRING)));
    }

    @Override
    public void processElement(PodTouch touch, ReadOnlyContext ctx, Collector<ReportRecord> out)
            throws Exception {
        long start = Windows.start(ctx.timestamp(), size);
        long last = Windows.lastMillis(start, size);
        if (last <= ctx.timerService().currentWatermark()) {
            ctx.output(IdlePodFunctions.LATE_TOUCHES, touch);
            return;
        }
        List<String> touched = open.get(start);
        if (touched == null) {
            touched = new ArrayList<>();
        }
        touched.add(touch.address); // unique per window: the dedup stage emits each once
        open.put(start, touched);
        ctx.timerService().registerEventTimeTimer(last);
    }

    @Override
    public void processBroadcastElement(PodEvent event, Context ctx, Collector<ReportRecord> out)
            throws Exception {
        inventory.update(ctx.getBroadcastState(LiveInventory.EVENTS), event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReportRecord> out)
            throws Exception {
        long start = timestamp + 1 - size;
        List<String> touched = open.get(start);
        if (touched == null) {
            return;
        }
        open.remove(start);
        PodInventory inv = inventory.get(ctx.getBroadcastState(LiveInventory.EVENTS));
        report(start, new HashSet<>(touched), inv, out);
    }

    private void report(
            long start, Set<String> touched, PodInventory inv, Collector<ReportRecord> out) {
        List<PodInfo> alive = new ArrayList<>(inv.aliveThroughout(start, start + size));
        alive.sort(Comparator.comparing(PodInfo::key));
        int idle = 0;
        for (PodInfo p : alive) {
            if (p.ips().stream().anyMatch(touched::contains)) {
                continue;
            }
            idle++;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("node", p.node());
            details.put("workload", p.workload());
            details.put("labels", new TreeMap<>(p.labels()));
            details.put("ips", p.ips());
            out.collect(
                    ReportRecords.of(
                            Report.IDLE_PODS, start, size, "pod", p.key(), 0, Map.of(), details));
        }
        out.collect(
                ReportRecords.of(
                        Report.IDLE_PODS,
                        start,
                        size,
                        "summary",
                        "cluster",
                        0,
                        Map.of(
                                "alivePods",
                                (double) alive.size(),
                                "idlePods",
                                (double) idle,
                                "activePods",
                                (double) (alive.size() - idle)),
                        Map.of()));
    }
}
