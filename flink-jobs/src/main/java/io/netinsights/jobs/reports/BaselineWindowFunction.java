package io.netinsights.jobs.reports;

import io.netinsights.schemas.ApiItem;
import io.netinsights.schemas.ReportRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * A window compared with its baseline: the accumulators of the same key's previous {@code B}
 * windows (those that had items). A fired window's accumulator is kept as a closed window for the
 * next {@code B} windows, and a cleanup timer removes it after that, so a key that goes quiet
 * leaves no state behind.
 *
 * @param <A> accumulator of one window
 */
public abstract class BaselineWindowFunction<A> extends WindowedFunction<ApiItem, A, ReportRecord> {
    private static final long serialVersionUID = 1L;

    protected final int baselineWindows;
    private final TypeInformation<A> accType;
    private transient MapState<Long, A> closed;

    protected BaselineWindowFunction(long size, int baselineWindows, TypeInformation<A> accType) {
        super(size, accType, ReportJob.LATE_ITEMS);
        this.baselineWindows = baselineWindows;
        this.accType = accType;
    }

    /** Emits what the window says against its baseline (oldest window first, maybe empty). */
    protected abstract void evaluate(
            String key, long start, A current, List<A> baseline, Collector<ReportRecord> out)
            throws Exception;

    @Override
    public void open(OpenContext ctx) throws Exception {
        super.open(ctx);
        closed =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("closed-windows", Types.LONG, accType));
    }

    @Override
    protected void fire(
            String key, long start, A acc, OnTimerContext ctx, Collector<ReportRecord> out)
            throws Exception {
        List<A> baseline = new ArrayList<>();
        for (long s = start - baselineWindows * size; s < start; s += size) {
            A a = closed.get(s);
            if (a != null) {
                baseline.add(a);
            }
        }
        evaluate(key, start, acc, baseline, out);
        closed.put(start, acc);
        // Once B more windows have passed this one is no baseline of anything: remove it then.
        ctx.timerService().registerEventTimeTimer(start + (baselineWindows + 1) * size - 1);
    }

    @Override
    protected void afterTimer(long timestamp, OnTimerContext ctx) throws Exception {
        long oldestNeeded = timestamp + 1 - baselineWindows * size;
        List<Long> stale = new ArrayList<>();
        for (Long s : closed.keys()) {
            if (s < oldestNeeded) {
                stale.add(s);
            }
        }
        for (Long s : stale) {
            closed.remove(s);
        }
    }
}
