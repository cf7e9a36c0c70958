package io.netinsights.jobs.reports;

import io.netinsights.jobs.reports.ReportEvents.PodTouch;
import io.netinsights.schemas.ApiItem;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The first two stages of the idle-pods report: each item touches its source and destination pods
 * (and the window marker, so that a window with only external traffic still reports), then touches
 * are deduplicated per pod and window. {@link IdlePodsFunction} is the last stage.
 */
public final class IdlePodFunctions {
    /** The touch that marks a window as observed. */
    public static final String MARKER = "";

    static final OutputTag<PodTouch> LATE_TOUCHES =
            new OutputTag<>("report-late-touches", TypeInformation.of(PodTouch.class));

    private IdlePodFunctions() {}

    /**
     * Item to the addresses it touches, plus the window marker. Addresses are matched to pods only
     * when the window completes, with the inventory as the pod events have made it by then: a pod
     * that ran through the whole window had its IPs for all of it.
     */
    public static final class Touches implements FlatMapFunction<ApiItem, PodTouch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(ApiItem item, Collector<PodTouch> out) {
            out.collect(new PodTouch(MARKER));
            String src = item.getSrc().getIp();
            String dst = item.getDst().getIp();
            if (!src.isEmpty()) {
                out.collect(new PodTouch(src));
            }
            if (!dst.isEmpty() && !dst.equals(src)) {
                out.collect(new PodTouch(dst));
            }
        }
    }

    /** One touch per address and window, emitted when the window completes. */
    public static final class Dedup extends WindowedFunction<PodTouch, Boolean, PodTouch> {
        private static final long serialVersionUID = 1L;

        public Dedup(long windowMillis) {
            super(windowMillis, Types.BOOLEAN, LATE_TOUCHES);
        }

        @Override
        protected Boolean add(Boolean acc, PodTouch value) {
            return Boolean.TRUE;
        }

        @Override
        protected void fire(
                String key, long start, Boolean acc, OnTimerContext ctx, Collector<PodTouch> out) {
            out.collect(new PodTouch(key));
        }
    }
}
